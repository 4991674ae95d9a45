using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Identification;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Webhooks;
using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Entry;

/// <summary>
/// What a palm opens besides payment: store check-in, venue entry with a linked ticketing account, an
/// office door with a linked badge, and a loyalty number at the till. Purpose binding: each answer
/// carries only what its use needs (the gate gets the partner's ticket, the door allow or deny, the
/// till the loyalty number), and never the card, the number or the other accounts.
/// </summary>
internal sealed class EntryService
{
    private readonly PalmKeyDbContext _db;
    private readonly IdentificationService _identification;
    private readonly TenantKeyring _keyring;
    private readonly TicketingClient _ticketing;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;

    public EntryService(PalmKeyDbContext db, IdentificationService identification, TenantKeyring keyring, TicketingClient ticketing, AuditLog audit, TimeProvider clock)
    {
        _db = db;
        _identification = identification;
        _keyring = keyring;
        _ticketing = ticketing;
        _audit = audit;
        _clock = clock;
    }

    public async Task<Results<Ok<CheckInResponse>, ProblemHttpResult>> CheckInAsync(Caller device, EntryRequest request, CancellationToken cancellationToken)
    {
        var identified = await _identification.IdentifyCustomerAsync(device, request.Frames, Purposes.Entry, request.SiteId, cancellationToken).ConfigureAwait(false);
        if (identified.Problem is { } problem)
        {
            return problem;
        }

        if (identified.CustomerId is not { } customerId)
        {
            return TypedResults.Ok(new CheckInResponse(Unrecognized(identified), UnrecognizedDetail(identified), null));
        }

        await PublishAsync(WebhookEvents.EntryCheckIn, new { customerId, siteId = identified.SiteId, deviceId = device.DeviceId }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CheckInResponse(EntryOutcomes.CheckedIn, "Welcome in.", customerId));
    }

    public async Task<Results<Ok<VenueEntryResponse>, ProblemHttpResult>> EnterVenueAsync(Caller device, EntryRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.EventId) || request.EventId.Length > 100 || request.EventId.Any(char.IsControl))
        {
            return Problems.Invalid("eventId is required: the event this gate admits to, at most 100 characters.");
        }

        var identified = await _identification.IdentifyCustomerAsync(device, request.Frames, Purposes.Entry, request.SiteId, cancellationToken).ConfigureAwait(false);
        if (identified.Problem is { } problem)
        {
            return problem;
        }

        if (identified.CustomerId is not { } customerId)
        {
            return TypedResults.Ok(new VenueEntryResponse(Unrecognized(identified), UnrecognizedDetail(identified), null));
        }

        var tickets = await ReferencesAsync(customerId, AccountKinds.Ticket, cancellationToken).ConfigureAwait(false);
        if (tickets.Count == 0)
        {
            return TypedResults.Ok(new VenueEntryResponse(EntryOutcomes.NoAccount, "No ticketing account is linked to this palm. Link one at the registration station, or show the ticket.", null));
        }

        var tenant = await _db.Tenants.AsNoTracking().SingleAsync(cancellationToken).ConfigureAwait(false);
        var secret = await TenantSecrets.SigningSecretAsync(_db, _keyring, tenant, cancellationToken).ConfigureAwait(false);
        if (tenant.TicketingUrl is null || secret is null)
        {
            return TypedResults.Ok(new VenueEntryResponse(EntryOutcomes.TicketingUnavailable, "This venue has no ticketing partner set up. Show the ticket.", null));
        }

        string? error = null;
        foreach (var reference in tickets)
        {
            var parts = reference.Split(':', 2);
            var (valid, ticket, failure) = await _ticketing.CheckAsync(tenant.TicketingUrl, secret, request.EventId, parts[0], parts[1], cancellationToken).ConfigureAwait(false);
            if (valid == true)
            {
                await PublishAsync(WebhookEvents.EntryVenue, new { customerId, eventId = request.EventId, siteId = identified.SiteId, outcome = EntryOutcomes.Admitted }, cancellationToken).ConfigureAwait(false);
                return TypedResults.Ok(new VenueEntryResponse(EntryOutcomes.Admitted, "Enjoy the event.", ticket));
            }

            error ??= failure;
        }

        if (error is not null)
        {
            return TypedResults.Ok(new VenueEntryResponse(EntryOutcomes.TicketingUnavailable, $"The ticket could not be checked: {error}. Show the ticket.", null));
        }

        await PublishAsync(WebhookEvents.EntryVenue, new { customerId, eventId = request.EventId, siteId = identified.SiteId, outcome = EntryOutcomes.Denied }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new VenueEntryResponse(EntryOutcomes.Denied, "The linked ticketing account holds no valid ticket for this event.", null));
    }

    public async Task<Results<Ok<BadgeResponse>, ProblemHttpResult>> BadgeAsync(Caller device, EntryRequest request, CancellationToken cancellationToken)
    {
        if (request.Door is { Length: > 100 })
        {
            return Problems.Invalid("door is at most 100 characters.");
        }

        var identified = await _identification.IdentifyCustomerAsync(device, request.Frames, Purposes.Badge, request.SiteId, cancellationToken).ConfigureAwait(false);
        if (identified.Problem is { } problem)
        {
            return problem;
        }

        var allowed = identified.CustomerId is { } customerId && (await ReferencesAsync(customerId, AccountKinds.Badge, cancellationToken).ConfigureAwait(false)).Count > 0;
        await PublishAsync(WebhookEvents.EntryBadge, new { customerId = identified.CustomerId, door = request.Door, siteId = identified.SiteId, outcome = allowed ? EntryOutcomes.Allow : EntryOutcomes.Deny }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(allowed
            ? new BadgeResponse(EntryOutcomes.Allow, "Badge accepted.")
            : new BadgeResponse(EntryOutcomes.Deny, identified.CustomerId is null ? UnrecognizedDetail(identified) : "No badge of this employer is linked to this palm."));
    }

    public async Task<Results<Ok<LoyaltyResponse>, ProblemHttpResult>> LoyaltyAsync(Caller device, EntryRequest request, CancellationToken cancellationToken)
    {
        var identified = await _identification.IdentifyCustomerAsync(device, request.Frames, Purposes.Loyalty, request.SiteId, cancellationToken).ConfigureAwait(false);
        if (identified.Problem is { } problem)
        {
            return problem;
        }

        if (identified.CustomerId is not { } customerId)
        {
            return TypedResults.Ok(new LoyaltyResponse(Unrecognized(identified), UnrecognizedDetail(identified), null));
        }

        var numbers = await ReferencesAsync(customerId, AccountKinds.Loyalty, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(numbers.Count == 0
            ? new LoyaltyResponse(EntryOutcomes.NoAccount, "No loyalty number is linked to this palm.", null)
            : new LoyaltyResponse(EntryOutcomes.Found, "Loyalty number found.", numbers[^1]));
    }

    /// <summary>At a registration station: the palm, then the ticketing account to link to it.</summary>
    public async Task<Results<Ok<TicketLinkResponse>, ProblemHttpResult>> LinkTicketAsync(Caller device, TicketLinkRequest request, CancellationToken cancellationToken)
    {
        var reference = $"{request.Partner}:{request.AccountId}";
        if (!AccountKinds.IsPartner(request.Partner) || string.IsNullOrWhiteSpace(request.AccountId) || AccountKinds.Validate(AccountKinds.Ticket, reference) is not null)
        {
            return Problems.Invalid("partner (lower-case letters, digits and dashes) and accountId (at most 60 characters) are required.");
        }

        var identified = await _identification.IdentifyCustomerAsync(device, request.Frames, Purposes.Entry, null, cancellationToken).ConfigureAwait(false);
        if (identified.Problem is { } problem)
        {
            return problem;
        }

        if (identified.CustomerId is not { } customerId)
        {
            return TypedResults.Ok(new TicketLinkResponse(Unrecognized(identified), UnrecognizedDetail(identified)));
        }

        if ((await ReferencesAsync(customerId, AccountKinds.Ticket, cancellationToken).ConfigureAwait(false)).Contains(reference))
        {
            return TypedResults.Ok(new TicketLinkResponse(EntryOutcomes.Linked, "This ticketing account was already linked."));
        }

        await LinkAsync(_db, _keyring, _audit, device.Tenant, device.Actor, customerId, AccountKinds.Ticket, reference, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new TicketLinkResponse(EntryOutcomes.Linked, "The ticketing account is linked: hover your palm at the gate."));
    }

    /// <summary>Links an account to a customer, encrypted, with an audit entry; the caller checked the reference.</summary>
    public static async Task<LinkedAccount> LinkAsync(PalmKeyDbContext db, TenantKeyring keyring, AuditLog audit, string tenantId, string actor, string customerId, string kind, string reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentNullException.ThrowIfNull(audit);
        var keys = await keyring.GetAsync(db, tenantId, cancellationToken).ConfigureAwait(false);
        var id = EntityIds.New("acct");
        var account = new LinkedAccount
        {
            Id = id,
            TenantId = tenantId,
            CustomerId = customerId,
            Kind = kind,
            ReferenceCipher = keys.EncryptText(reference, id, FieldContext.AccountReference),
            LinkedAt = now,
        };
        db.LinkedAccounts.Add(account);
        await audit.CommitAsync(db, new AuditRecord(now, tenantId, actor, "account.linked", customerId, kind), null, cancellationToken).ConfigureAwait(false);
        return account;
    }

    private async Task<List<string>> ReferencesAsync(string customerId, string kind, CancellationToken cancellationToken)
    {
        var accounts = await _db.LinkedAccounts.AsNoTracking().Where(a => a.CustomerId == customerId && a.Kind == kind).OrderBy(a => a.LinkedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (accounts.Count == 0)
        {
            return [];
        }

        var keys = await _keyring.GetAsync(_db, accounts[0].TenantId, cancellationToken).ConfigureAwait(false);
        return [.. accounts.Select(a => keys.DecryptText(a.ReferenceCipher, a.Id, FieldContext.AccountReference))];
    }

    private async Task PublishAsync(string eventType, object data, CancellationToken cancellationToken)
    {
        var tenant = await _db.Tenants.AsNoTracking().SingleAsync(cancellationToken).ConfigureAwait(false);
        WebhookPublisher.Enqueue(_db, tenant, eventType, data, _clock.GetUtcNow());
        await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Unrecognized(PalmIdentification identified) => identified.Ambiguous ? EntryOutcomes.Ambiguous : EntryOutcomes.NotRecognized;

    private static string UnrecognizedDetail(PalmIdentification identified) => identified.Ambiguous
        ? "The palm matched more than one account closely, so no one was picked. Hover again."
        : "The palm is not enrolled here.";
}
