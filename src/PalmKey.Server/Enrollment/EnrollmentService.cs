using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Capture;
using PalmKey.Server.Index;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Payments;
using PalmKey.Server.Privacy;
using PalmKey.Server.Sms;
using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Enrollment;

/// <summary>
/// Enrollment at a device, in three steps: consent to the current disclosure and the mobile number;
/// the one-time code sent to it; then the palm captures. No consent, no enrollment: without it nothing
/// is stored and no code is sent.
/// </summary>
internal sealed partial class EnrollmentService
{
    private readonly PalmKeyDbContext _db;
    private readonly TenantKeyring _keyring;
    private readonly OtpService _otp;
    private readonly IPalmCaptureProcessor _captures;
    private readonly PalmIndexRegistry _indexes;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;
    private readonly PalmKeyOptions.EnrollmentSettings _settings;
    private readonly ILogger<EnrollmentService> _logger;

    public EnrollmentService(
        PalmKeyDbContext db,
        TenantKeyring keyring,
        OtpService otp,
        IPalmCaptureProcessor captures,
        PalmIndexRegistry indexes,
        AuditLog audit,
        TimeProvider clock,
        IOptions<PalmKeyOptions> options,
        ILogger<EnrollmentService> logger)
    {
        _db = db;
        _keyring = keyring;
        _otp = otp;
        _captures = captures;
        _indexes = indexes;
        _audit = audit;
        _clock = clock;
        _settings = options.Value.Enrollment;
        _logger = logger;
    }

    public async Task<DisclosureResponse> DisclosureAsync(CancellationToken cancellationToken)
    {
        var disclosure = Disclosures.For(await _db.Tenants.SingleAsync(cancellationToken).ConfigureAwait(false));
        return new DisclosureResponse(disclosure.Version, disclosure.Text, disclosure.Purposes, disclosure.DormancyDays, disclosure.MaxRetentionDays);
    }

    public async Task<Results<Created<EnrollmentResponse>, ProblemHttpResult>> StartAsync(Caller device, StartEnrollmentRequest request, CancellationToken cancellationToken)
    {
        var tenant = await _db.Tenants.SingleAsync(cancellationToken).ConfigureAwait(false);
        var disclosure = Disclosures.For(tenant);
        if (request.Consent is not { Accepted: true })
        {
            return Problems.Create(
                StatusCodes.Status422UnprocessableEntity,
                Problems.ConsentRequired,
                "Consent is required",
                "No consent, no enrollment: show the person the disclosure (GET /v1/enrollments/disclosure) and send consent.accepted = true with its version.");
        }

        if (request.Consent.DisclosureVersion != disclosure.Version)
        {
            return Problems.Create(
                StatusCodes.Status422UnprocessableEntity,
                Problems.DisclosureOutdated,
                "The disclosure has changed",
                $"Consent was given to disclosure version '{request.Consent.DisclosureVersion}', but the current version is '{disclosure.Version}'. Show the current disclosure and ask again.",
                new Dictionary<string, object?> { ["currentVersion"] = disclosure.Version });
        }

        if (!PhoneNumbers.TryNormalize(request.Phone, out var phone))
        {
            return InvalidPhone();
        }

        var keys = await _keyring.GetAsync(_db, tenant.Id, cancellationToken).ConfigureAwait(false);
        if (!await _otp.MaySendAsync(_db, keys, phone, cancellationToken).ConfigureAwait(false))
        {
            return TooManyCodes();
        }

        var now = _clock.GetUtcNow();
        var (challenge, code) = _otp.Create(_db, keys, phone, OtpPurpose.Enrollment);
        var id = EntityIds.New("enr");
        var session = new EnrollmentSession
        {
            Id = id,
            TenantId = tenant.Id,
            DeviceId = device.DeviceId!,
            PhoneHash = keys.PhoneHash(phone),
            PhoneCipher = keys.EncryptText(phone, id, FieldContext.EnrollmentPhone),
            ConsentVersion = disclosure.Version,
            ConsentAcceptedAt = now,
            OtpChallengeId = challenge.Id,
            CreatedAt = now,
            ExpiresAt = now + _settings.SessionLifetime,
        };
        _db.EnrollmentSessions.Add(session);
        await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await _otp.SendAsync(tenant.Id, tenant.Name, phone, code, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/enrollments/{id}", new EnrollmentResponse(id, EnrollmentStatus.AwaitingVerification, session.ExpiresAt));
    }

    public async Task<Results<Ok<EnrollmentResponse>, ProblemHttpResult>> VerifyAsync(Caller device, string enrollmentId, VerifyEnrollmentRequest request, CancellationToken cancellationToken)
    {
        var session = await FindAsync(device, enrollmentId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return NoEnrollment(enrollmentId);
        }

        if (session.VerifiedAt is not null)
        {
            return TypedResults.Ok(Describe(session));
        }

        var challenge = await _db.OtpChallenges.FirstOrDefaultAsync(o => o.Id == session.OtpChallengeId, cancellationToken).ConfigureAwait(false);
        var keys = await _keyring.GetAsync(_db, session.TenantId, cancellationToken).ConfigureAwait(false);
        var check = challenge is null ? OtpCheck.Expired : _otp.Check(challenge, keys, request.Code);
        if (check == OtpCheck.Accepted)
        {
            session.VerifiedAt = _clock.GetUtcNow();
        }

        await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return check switch
        {
            OtpCheck.Accepted => TypedResults.Ok(Describe(session)),
            OtpCheck.Wrong => Problems.Create(
                StatusCodes.Status422UnprocessableEntity,
                Problems.CodeInvalid,
                "The code is wrong",
                "The code does not match the one sent to the number.",
                new Dictionary<string, object?> { ["attemptsLeft"] = Math.Max(0, _otp.MaxAttempts - challenge!.FailedAttempts) }),
            _ => Problems.Create(
                StatusCodes.Status422UnprocessableEntity,
                Problems.CodeExpired,
                "The code has expired",
                "The code expired or was tried too often. Start the enrollment again for a new code."),
        };
    }

    /// <summary>
    /// The card, after the number is verified and before the palms. It is tokenized at once; the
    /// enrollment keeps only the token (encrypted), brand, last four digits and expiry.
    /// </summary>
    public async Task<Results<Ok<CardView>, ProblemHttpResult>> AddCardAsync(Caller device, string enrollmentId, CardRequest request, CardTokenizer tokenizer, CancellationToken cancellationToken)
    {
        var session = await FindAsync(device, enrollmentId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return NoEnrollment(enrollmentId);
        }

        if (session.VerifiedAt is null)
        {
            return Problems.Create(StatusCodes.Status409Conflict, Problems.EnrollmentNotVerified, "The number is not verified", "Verify the code sent to the number before adding a card.");
        }

        var (card, problem) = await tokenizer.TokenizeAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var keys = await _keyring.GetAsync(_db, session.TenantId, cancellationToken).ConfigureAwait(false);
        session.CardTokenCipher = keys.EncryptText(card!.Token, session.Id, FieldContext.EnrollmentCardToken);
        session.CardBrand = card.Brand;
        session.CardLast4 = card.Last4;
        session.CardExpiryMonth = card.ExpiryMonth;
        session.CardExpiryYear = card.ExpiryYear;
        await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CardView(null, card.Brand, card.Last4, card.ExpiryMonth, card.ExpiryYear));
    }

    public async Task<Results<Created<EnrolledResponse>, ProblemHttpResult>> CompleteAsync(Caller device, string enrollmentId, CompleteEnrollmentRequest request, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var session = await FindAsync(device, enrollmentId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return NoEnrollment(enrollmentId);
        }

        if (session.VerifiedAt is null)
        {
            return Problems.Create(StatusCodes.Status409Conflict, Problems.EnrollmentNotVerified, "The number is not verified", "Verify the code sent to the number before capturing palms.");
        }

        if (Validate(request) is { } invalid)
        {
            return Problems.Invalid(invalid);
        }

        var palms = new List<(Hand Hand, PalmTemplate[] Captures, IReadOnlyList<PalmProbe> Probes)>();
        foreach (var palm in request.Palms!)
        {
            var hand = Enum.Parse<Hand>(palm.Hand!, ignoreCase: true);
            var result = await _captures.ProcessAsync(palm.Frames!, cancellationToken).ConfigureAwait(false);
            if (result.Rejection is { } rejection)
            {
                return Rejected(rejection, $"{palm.Hand} palm: ");
            }

            var templates = result.Probes.Select(p => p.Template).ToArray();
            var lowest = CaptureAgreement.LowestPairScore(templates);
            if (lowest <= CaptureAgreement.Threshold)
            {
                return Problems.Create(
                    StatusCodes.Status422UnprocessableEntity,
                    Problems.CapturesDisagree,
                    "The captures do not agree",
                    string.Create(CultureInfo.InvariantCulture, $"The captures of the {palm.Hand} palm do not look like one palm (lowest pair score {lowest:F1}, needs above {CaptureAgreement.Threshold}). Capture the palm again."),
                    new Dictionary<string, object?> { ["hand"] = palm.Hand!.ToLowerInvariant(), ["lowestScore"] = Math.Round(lowest, 1) });
            }

            palms.Add((hand, templates, result.Probes));
        }

        if (palms.Count == 2 && CaptureAgreement.CrossScore(palms[0].Captures, palms[1].Captures) > CaptureAgreement.Threshold)
        {
            return Problems.Create(
                StatusCodes.Status422UnprocessableEntity,
                Problems.SamePalmTwice,
                "The same palm was captured twice",
                "The left and right captures show the same palm. Capture each hand.");
        }

        var tenant = await _db.Tenants.SingleAsync(cancellationToken).ConfigureAwait(false);
        var keys = await _keyring.GetAsync(_db, tenant.Id, cancellationToken).ConfigureAwait(false);
        var gate = _indexes.EnrollmentGate(tenant.Id);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var phone = keys.DecryptText(session.PhoneCipher, session.Id, FieldContext.EnrollmentPhone);
            var customer = await CustomerLookup.ByPhoneAsync(_db, keys, phone, cancellationToken).ConfigureAwait(false);
            if (customer is not null && await _db.Palms.AnyAsync(p => p.CustomerId == customer.Id, cancellationToken).ConfigureAwait(false))
            {
                return Problems.Create(
                    StatusCodes.Status409Conflict,
                    Problems.AlreadyEnrolled,
                    "Already enrolled",
                    $"This number is already enrolled with {tenant.Name}. To enroll again, first delete the palm data in self-service.");
            }

            var index = _indexes.For(tenant.Id);
            foreach (var (_, _, probes) in palms)
            {
                var decision = index.FindDuplicate(probes, tenant.TargetFpir);
                if (decision.Match is { } match && match.CustomerId != customer?.Id)
                {
                    // Nothing about the other account is revealed.
                    return Problems.Create(
                        StatusCodes.Status409Conflict,
                        Problems.DuplicatePalm,
                        "This palm is already enrolled",
                        $"This palm is already enrolled with {tenant.Name} under another account. A person may hold one account per business.");
                }
            }

            var now = _clock.GetUtcNow();
            customer = Upsert(customer, session, tenant, keys, phone, now);
            MoveCard(session, customer, keys, now);
            var indexed = new List<IndexedPalm>();
            foreach (var (hand, captures, _) in palms)
            {
                var palmId = EntityIds.New("palm");
                _db.Palms.Add(new Palm
                {
                    Id = palmId,
                    TenantId = tenant.Id,
                    CustomerId = customer.Id,
                    Hand = hand,
                    AlgorithmVersion = PalmTemplate.AlgorithmVersion,
                    CaptureCount = captures.Length,
                    TemplatesCipher = keys.Encrypt(TemplatePacking.Pack(captures), palmId, FieldContext.PalmTemplates),
                    EnrolledAt = now,
                });
                indexed.Add(new IndexedPalm(palmId, customer.Id, captures));
            }

            // The enrollment is done: its copy of the number and its code go with it.
            _db.EnrollmentSessions.Remove(session);
            await _db.OtpChallenges.Where(o => o.Id == session.OtpChallengeId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await _audit.CommitAsync(
                _db,
                new AuditRecord(now, tenant.Id, device.Actor, "customer.enrolled", customer.Id, string.Create(CultureInfo.InvariantCulture, $"palms={palms.Count}")),
                null,
                cancellationToken).ConfigureAwait(false);
            index.Add(indexed);
            LogEnrolled(_logger, customer.Id, palms.Count, watch.ElapsedMilliseconds);
            return TypedResults.Created(
                (string?)null,
                new EnrolledResponse(customer.Id, [.. palms.Select(p => new PalmView(p.Hand.ToString().ToLowerInvariant(), p.Captures.Length, now))]));
        }
        finally
        {
            gate.Release();
        }
    }

    private void MoveCard(EnrollmentSession session, Customer customer, TenantKeys keys, DateTimeOffset now)
    {
        if (session.CardTokenCipher is null)
        {
            return;
        }

        var token = keys.DecryptText(session.CardTokenCipher, session.Id, FieldContext.EnrollmentCardToken);
        var card = new TokenizedCard(token, session.CardBrand!, session.CardLast4!, session.CardExpiryMonth!.Value, session.CardExpiryYear!.Value);
        _db.PaymentCards.Add(card.ToStored(keys, customer.Id, now));
    }

    private Customer Upsert(Customer? customer, EnrollmentSession session, Tenant tenant, TenantKeys keys, string phone, DateTimeOffset now)
    {
        if (customer is null)
        {
            var id = EntityIds.New("cus");
            customer = new Customer
            {
                Id = id,
                TenantId = session.TenantId,
                PhoneHash = keys.PhoneHash(phone),
                PhoneCipher = keys.EncryptText(phone, id, FieldContext.CustomerPhone),
                ConsentVersion = session.ConsentVersion,
                ConsentAcceptedAt = session.ConsentAcceptedAt,
                EnrolledAt = now,
                LastInteractionAt = now,

                // The enrollment credit is given once, to a new account.
                PromotionCreditMinor = tenant.EnrollmentCreditMinor,
            };
            _db.Customers.Add(customer);
            return customer;
        }

        // A customer who deleted their palms enrolls again: the new consent replaces the old.
        customer.ConsentVersion = session.ConsentVersion;
        customer.ConsentAcceptedAt = session.ConsentAcceptedAt;
        customer.EnrolledAt = now;
        customer.LastInteractionAt = now;
        return customer;
    }

    private string? Validate(CompleteEnrollmentRequest request)
    {
        if (request.Palms is not { Count: 1 or 2 } palms)
        {
            return "palms: give one or two palms.";
        }

        var hands = new HashSet<Hand>();
        for (var i = 0; i < palms.Count; i++)
        {
            var palm = palms[i];
            if (palm is null || !Enum.TryParse<Hand>(palm.Hand, ignoreCase: true, out var hand) || !Enum.IsDefined(hand) || int.TryParse(palm.Hand, out _))
            {
                return $"palms[{i}].hand must be 'left' or 'right'.";
            }

            if (!hands.Add(hand))
            {
                return $"palms[{i}]: the {palm.Hand} palm is given twice.";
            }

            if (palm.Frames is null || palm.Frames.Count < _settings.MinCaptures || palm.Frames.Count > _settings.MaxCaptures)
            {
                return string.Create(CultureInfo.InvariantCulture, $"palms[{i}].frames must hold {_settings.MinCaptures} to {_settings.MaxCaptures} captures of the palm.");
            }

            if (palm.Frames.Any(f => f is null || f.Length == 0))
            {
                return $"palms[{i}].frames holds an empty frame.";
            }
        }

        return null;
    }

    private Task<EnrollmentSession?> FindAsync(Caller device, string enrollmentId, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        return _db.EnrollmentSessions.FirstOrDefaultAsync(e => e.Id == enrollmentId && e.DeviceId == device.DeviceId && e.ExpiresAt > now, cancellationToken);
    }

    private static EnrollmentResponse Describe(EnrollmentSession session) => new(
        session.Id,
        session.VerifiedAt is not null ? EnrollmentStatus.Verified : EnrollmentStatus.AwaitingVerification,
        session.ExpiresAt);

    private static ProblemHttpResult NoEnrollment(string enrollmentId) =>
        Problems.Create(StatusCodes.Status404NotFound, Problems.NotFound, "Not found", $"Enrollment {enrollmentId} does not exist at this device, or has expired.");

    internal static ProblemHttpResult InvalidPhone() => Problems.Create(
        StatusCodes.Status422UnprocessableEntity,
        Problems.InvalidPhone,
        "Not a mobile number",
        "Give the mobile number in international form, such as +1 555 010 0123.");

    internal static ProblemHttpResult TooManyCodes() => Problems.Create(
        StatusCodes.Status429TooManyRequests,
        Problems.TooManyCodes,
        "Too many codes",
        "Too many codes were sent to this number recently. Try again later.");

    internal static ProblemHttpResult Rejected(CaptureRejection rejection, string where)
    {
        var (slug, title) = rejection.Verdict switch
        {
            FrameVerdict.InvalidImage => (Problems.InvalidImage, "A frame is not a readable image"),
            FrameVerdict.TooFewFrames => (Problems.GestureRequired, "A hover gesture is needed"),
            FrameVerdict.StillImage => (Problems.StillImage, "The frames are a still image"),
            FrameVerdict.Replayed => (Problems.ReplayedFrames, "The frames were sent before"),
            FrameVerdict.Unstable => (Problems.UnstablePalm, "The frames do not show one steady palm"),
            _ => (Problems.PoorQuality, "A frame is not a usable palm"),
        };
        return Problems.Create(StatusCodes.Status422UnprocessableEntity, slug, title, where + rejection.Message, new Dictionary<string, object?> { ["frame"] = rejection.FrameIndex });
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Enrolled customer {CustomerId} with {Palms} palms in {Milliseconds} ms")]
    private static partial void LogEnrolled(ILogger logger, string customerId, int palms, long milliseconds);
}
