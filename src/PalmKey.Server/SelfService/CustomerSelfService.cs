using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Enrollment;
using PalmKey.Server.Entry;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Payments;
using PalmKey.Server.Privacy;
using PalmKey.Server.Sms;
using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.SelfService;

/// <summary>
/// What a customer does for themselves: sign in with their number and a code, see and export what is
/// held about them, delete their palm data, and close their account.
/// </summary>
internal sealed class CustomerSelfService
{
    public const string SentIfEnrolled = "sent-if-enrolled";

    private readonly PalmKeyDbContext _db;
    private readonly TenantScope _scope;
    private readonly TenantKeyring _keyring;
    private readonly OtpService _otp;
    private readonly CustomerDeletion _deletion;
    private readonly IOutstandingTransactions _outstanding;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;
    private readonly PalmKeyOptions.OtpSettings _settings;

    public CustomerSelfService(
        PalmKeyDbContext db,
        TenantScope scope,
        TenantKeyring keyring,
        OtpService otp,
        CustomerDeletion deletion,
        IOutstandingTransactions outstanding,
        AuditLog audit,
        TimeProvider clock,
        IOptions<PalmKeyOptions> options)
    {
        _db = db;
        _scope = scope;
        _keyring = keyring;
        _otp = otp;
        _deletion = deletion;
        _outstanding = outstanding;
        _audit = audit;
        _clock = clock;
        _settings = options.Value.Otp;
    }

    /// <summary>
    /// Sends a sign-in code if the number is enrolled with the tenant. The answer is the same whether
    /// or not it is, and whether or not the tenant exists, so it reveals nobody's enrollment.
    /// </summary>
    public async Task<Results<Accepted<OtpResponse>, ProblemHttpResult>> RequestCodeAsync(OtpRequest request, CancellationToken cancellationToken)
    {
        if (!EntityIds.IsValid(request.Tenant, "ten"))
        {
            return Problems.Invalid("tenant must be the id of the business, such as ten_0123456789abcdefghjkmnpqrs.");
        }

        if (!PhoneNumbers.TryNormalize(request.Phone, out var phone))
        {
            return EnrollmentService.InvalidPhone();
        }

        var answer = TypedResults.Accepted((string?)null, new OtpResponse(SentIfEnrolled, (int)_settings.Lifetime.TotalSeconds));
        _scope.EnterTenant(request.Tenant!);
        var tenant = await _db.Tenants.FirstOrDefaultAsync(t => t.DeletionStartedAt == null, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return answer;
        }

        var keys = await _keyring.GetAsync(_db, tenant.Id, cancellationToken).ConfigureAwait(false);
        var customer = await CustomerLookup.ByPhoneAsync(_db, keys, phone, cancellationToken).ConfigureAwait(false);
        if (customer is null || !await _otp.MaySendAsync(_db, keys, phone, cancellationToken).ConfigureAwait(false))
        {
            return answer;
        }

        var (_, code) = _otp.Create(_db, keys, phone, OtpPurpose.SignIn);
        await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await _otp.SendAsync(tenant.Id, tenant.Name, phone, code, cancellationToken).ConfigureAwait(false);
        return answer;
    }

    /// <summary>Opens a session with the code; every failure gets the same answer.</summary>
    public async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> SignInAsync(SessionRequest request, CancellationToken cancellationToken)
    {
        if (!EntityIds.IsValid(request.Tenant, "ten"))
        {
            return Problems.Invalid("tenant must be the id of the business.");
        }

        if (!PhoneNumbers.TryNormalize(request.Phone, out var phone))
        {
            return EnrollmentService.InvalidPhone();
        }

        _scope.EnterTenant(request.Tenant!);
        var tenant = await _db.Tenants.FirstOrDefaultAsync(t => t.DeletionStartedAt == null, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return WrongCode();
        }

        var keys = await _keyring.GetAsync(_db, tenant.Id, cancellationToken).ConfigureAwait(false);
        var customer = await CustomerLookup.ByPhoneAsync(_db, keys, phone, cancellationToken).ConfigureAwait(false);
        var hashes = keys.PhoneHashes(phone);
        OtpChallenge? challenge = null;
        foreach (var hash in hashes)
        {
            challenge ??= await _db.OtpChallenges
                .Where(o => o.PhoneHash == hash && o.Purpose == OtpPurpose.SignIn && o.ConsumedAt == null)
                .OrderByDescending(o => o.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        if (customer is null || challenge is null)
        {
            return WrongCode();
        }

        var check = _otp.Check(challenge, keys, request.Code);
        if (check != OtpCheck.Accepted)
        {
            await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return WrongCode();
        }

        var now = _clock.GetUtcNow();
        var token = SecretToken.Issue(SecretToken.SessionKind);
        var session = new CustomerSession
        {
            Id = EntityIds.New("ses"),
            TenantId = tenant.Id,
            CustomerId = customer.Id,
            Prefix = token.Prefix,
            TokenHash = token.Hash,
            CreatedAt = now,
            ExpiresAt = now + _settings.SessionLifetime,
        };
        _db.CustomerSessions.Add(session);
        customer.LastInteractionAt = now;
        await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new SessionResponse(token.Token, session.ExpiresAt, customer.Id));
    }

    public async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> ProfileAsync(Caller customer, CancellationToken cancellationToken)
    {
        var row = await TouchAsync(customer, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return Problems.Missing("The account");
        }

        var keys = await _keyring.GetAsync(_db, customer.Tenant, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await CustomerViews.ForCustomerAsync(_db, keys, row, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Everything held about the customer, decrypted for them. Not included: the palm templates (a
    /// code that only this system can read, from which no image can be made), the hashed forms of their
    /// number and codes, and the audit log, which holds no personal data.
    /// </summary>
    public async Task<Results<Ok<ExportDocument>, ProblemHttpResult>> ExportAsync(Caller customer, CancellationToken cancellationToken)
    {
        var row = await TouchAsync(customer, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return Problems.Missing("The account");
        }

        var tenant = await _db.Tenants.AsNoTracking().SingleAsync(cancellationToken).ConfigureAwait(false);
        var keys = await _keyring.GetAsync(_db, customer.Tenant, cancellationToken).ConfigureAwait(false);
        var profile = await CustomerViews.ForCustomerAsync(_db, keys, row, cancellationToken).ConfigureAwait(false);
        var disclosure = Disclosures.For(tenant);
        var now = _clock.GetUtcNow();
        await _audit.CommitAsync(_db, new AuditRecord(now, customer.Tenant, customer.Actor, "customer.exported", customer.CustomerId), null, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ExportDocument(
            "palmkey-export-v1",
            now,
            tenant.Id,
            tenant.Name,
            profile,
            new DisclosureResponse(disclosure.Version, disclosure.Text, disclosure.Purposes, disclosure.DormancyDays, disclosure.MaxRetentionDays),
            [
                "palm templates: stored encrypted, usable only by this system for recognition; no image can be rebuilt from them",
                "keyed hashes of the mobile number and of one-time codes, kept only for look-up",
                "the audit log, which records actions by reference and holds no personal data",
            ]));
    }

    public async Task<NoContent> DeletePalmsAsync(Caller customer, CancellationToken cancellationToken)
    {
        await _deletion.DeletePalmsAsync(_db, customer.Tenant, customer.CustomerId!, customer.Actor, DeletionCauses.SelfService, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Closes the account: everything is deleted now, unless transactions are outstanding; then the
    /// palm data is deleted now and the rest once they settle (the retention job checks).
    /// </summary>
    public async Task<Results<Ok<CancelResponse>, Accepted<CancelResponse>, ProblemHttpResult>> CancelAsync(Caller customer, CancellationToken cancellationToken)
    {
        var customerId = customer.CustomerId!;
        var outstanding = await _outstanding.ListAsync(customer.Tenant, customerId, cancellationToken).ConfigureAwait(false);
        if (outstanding.Count == 0)
        {
            await _deletion.DeleteCustomerAsync(_db, customer.Tenant, customerId, customer.Actor, DeletionCauses.SelfService, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new CancelResponse("deleted", []));
        }

        await _deletion.DeletePalmsAsync(_db, customer.Tenant, customerId, customer.Actor, DeletionCauses.SelfService, cancellationToken).ConfigureAwait(false);
        var now = _clock.GetUtcNow();
        await _audit.CommitAsync(
            _db,
            new AuditRecord(now, customer.Tenant, customer.Actor, "customer.cancellation-requested", customerId),
            ct => _db.Customers.Where(c => c.Id == customerId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CancellationRequestedAt, now), ct),
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted(
            (string?)null,
            new CancelResponse("pending-settlement", [.. outstanding.Select(o => new OutstandingTransactionView(o.Reference, o.Description))]));
    }

    /// <summary>Adds a card: checked, tokenized, and kept as token, brand, last four digits and expiry.</summary>
    public async Task<Results<Created<CardView>, ProblemHttpResult>> AddCardAsync(Caller customer, CardRequest request, CardTokenizer tokenizer, CancellationToken cancellationToken)
    {
        var (card, problem) = await tokenizer.TokenizeAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var keys = await _keyring.GetAsync(_db, customer.Tenant, cancellationToken).ConfigureAwait(false);
        var now = _clock.GetUtcNow();
        var stored = card!.ToStored(keys, customer.CustomerId!, now);
        _db.PaymentCards.Add(stored);
        await _audit.CommitAsync(_db, new AuditRecord(now, customer.Tenant, customer.Actor, "card.added", customer.CustomerId), null, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created((string?)null, new CardView(stored.Id, card.Brand, card.Last4, card.ExpiryMonth, card.ExpiryYear));
    }

    public async Task<Results<NoContent, ProblemHttpResult>> RemoveCardAsync(Caller customer, string cardId, CancellationToken cancellationToken)
    {
        var card = await _db.PaymentCards.FirstOrDefaultAsync(c => c.Id == cardId && c.CustomerId == customer.CustomerId, cancellationToken).ConfigureAwait(false);
        if (card is null)
        {
            return Problems.Missing($"Card {cardId}");
        }

        _db.PaymentCards.Remove(card);
        await _audit.CommitAsync(_db, new AuditRecord(_clock.GetUtcNow(), customer.Tenant, customer.Actor, "card.removed", customer.CustomerId), null, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>Links a ticketing account or a loyalty number; badges are linked by the employer.</summary>
    public async Task<Results<Created<LinkedAccountResponse>, ProblemHttpResult>> LinkAccountAsync(Caller customer, LinkAccountRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind is null || !AccountKinds.ForCustomer.Contains(request.Kind))
        {
            return Problems.Invalid($"kind must be one of: {string.Join(", ", AccountKinds.ForCustomer)}. A badge is linked by the employer.");
        }

        if (AccountKinds.Validate(request.Kind, request.Reference) is { } error)
        {
            return Problems.Invalid(error);
        }

        var reference = request.Reference!.Trim();
        var account = await EntryService.LinkAsync(_db, _keyring, _audit, customer.Tenant, customer.Actor, customer.CustomerId!, request.Kind, reference, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created((string?)null, new LinkedAccountResponse(account.Id, account.Kind, reference, account.LinkedAt));
    }

    public async Task<Results<NoContent, ProblemHttpResult>> UnlinkAccountAsync(Caller customer, string accountId, CancellationToken cancellationToken)
    {
        var account = await _db.LinkedAccounts.FirstOrDefaultAsync(a => a.Id == accountId && a.CustomerId == customer.CustomerId, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return Problems.Missing($"Linked account {accountId}");
        }

        _db.LinkedAccounts.Remove(account);
        await _audit.CommitAsync(_db, new AuditRecord(_clock.GetUtcNow(), customer.Tenant, customer.Actor, "account.unlinked", customer.CustomerId, account.Kind), null, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private async Task<Customer?> TouchAsync(Caller customer, CancellationToken cancellationToken)
    {
        var row = await _db.Customers.FirstOrDefaultAsync(c => c.Id == customer.CustomerId, cancellationToken).ConfigureAwait(false);
        if (row is not null)
        {
            row.LastInteractionAt = _clock.GetUtcNow();
            await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return row;
    }

    private static ProblemHttpResult WrongCode() => Problems.Create(
        StatusCodes.Status422UnprocessableEntity,
        Problems.CodeInvalid,
        "The code is wrong or has expired",
        "The number and code do not open a session. Ask for a new code if it has expired.");
}
