using PalmKey.Storage;

namespace PalmKey.Server;

/// <summary>
/// The server's settings, from the <c>PalmKey</c> configuration section (appsettings, environment
/// variables such as <c>PalmKey__Database__Provider</c>, or the command line). Validated at start.
/// </summary>
internal sealed class PalmKeyOptions
{
    public const string Section = "PalmKey";

    /// <summary>The environment variable read for the master key when configuration has none.</summary>
    public const string MasterKeyVariable = "PALMKEY_MASTER_KEY";

    /// <summary>The 32-byte master key in base64. Never stored in the repository or the database.</summary>
    public string? MasterKey { get; set; }

    /// <summary>The folder for the SQLite database.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>SHA-256 (hex) of the platform operator key; operator endpoints are closed without it.</summary>
    public string? OperatorKeyHash { get; set; }

    public DatabaseSettings Database { get; set; } = new();

    public IdentificationSettings Identification { get; set; } = new();

    public EnrollmentSettings Enrollment { get; set; } = new();

    public OtpSettings Otp { get; set; } = new();

    public RetentionSettings Retention { get; set; } = new();

    public LimitSettings Limits { get; set; } = new();

    /// <summary>Checkout, the sandbox gateway and settlement.</summary>
    public PaymentSettings Payments { get; set; } = new();

    /// <summary>Webhooks to the tenant's backend and the ticketing check.</summary>
    public WebhookSettings Webhooks { get; set; } = new();

    internal sealed class DatabaseSettings
    {
        public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

        /// <summary>Required for PostgreSQL; for SQLite the default is a file in the data folder.</summary>
        public string? ConnectionString { get; set; }
    }

    internal sealed class IdentificationSettings
    {
        /// <summary>Identifications a device may make per second, sustained.</summary>
        public int PermitsPerSecond { get; set; } = 10;

        /// <summary>Identifications a device may make at once after being idle.</summary>
        public int Burst { get; set; } = 20;

        /// <summary>The most frames one identification may carry.</summary>
        public int MaxFrames { get; set; } = 5;

        /// <summary>The fewest frames of the hover gesture one identification must carry.</summary>
        public int MinFrames { get; set; } = 3;

        /// <summary>How long the hashes of identification frames are remembered, to refuse the same bytes sent again.</summary>
        public TimeSpan FrameReplayWindow { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Device activations one network address may attempt per minute.</summary>
        public int ActivationsPerMinute { get; set; } = 10;
    }

    internal sealed class EnrollmentSettings
    {
        /// <summary>The fewest captures of each palm.</summary>
        public int MinCaptures { get; set; } = 3;

        /// <summary>The most captures of each palm.</summary>
        public int MaxCaptures { get; set; } = 10;

        /// <summary>How long an enrollment may take from consent to palms.</summary>
        public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);
    }

    internal sealed class OtpSettings
    {
        /// <summary>How long a one-time code works.</summary>
        public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Wrong codes allowed per code.</summary>
        public int MaxAttempts { get; set; } = 5;

        /// <summary>Codes sent to one number per <see cref="SendWindow"/>.</summary>
        public int MaxSends { get; set; } = 3;

        public TimeSpan SendWindow { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>How long a self-service session lasts.</summary>
        public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>Code requests and sign-ins one client address may make per minute.</summary>
        public int SignInRequestsPerMinute { get; set; } = 10;
    }

    internal sealed class RetentionSettings
    {
        /// <summary>Whether the retention job runs in this process.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>How often it runs.</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
    }

    internal sealed class LimitSettings
    {
        /// <summary>The largest body of a request that carries palm frames.</summary>
        public long FramesBodyBytes { get; set; } = 16 * 1024 * 1024;

        /// <summary>The largest body of any other request.</summary>
        public long BodyBytes { get; set; } = 64 * 1024;
    }

    /// <summary>Payments.</summary>
    internal sealed class PaymentSettings
    {
        /// <summary>How long checkout waits for the gateway before it reverses the authorization and says so.</summary>
        public TimeSpan GatewayTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Whether the settlement job runs (captures, reversals and refunds still pending).</summary>
        public bool SettlementEnabled { get; set; } = true;

        /// <summary>How often the settlement job runs.</summary>
        public TimeSpan SettlementInterval { get; set; } = TimeSpan.FromMinutes(1);

        /// <summary>A payment still pending this long after it started lost its request (a crash): it is reversed.</summary>
        public TimeSpan StalePendingAfter { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>The sandbox gateway's time for a refund to settle.</summary>
        public TimeSpan SandboxRefundSettlement { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>How long the sandbox's time-out test card keeps the caller waiting.</summary>
        public TimeSpan SandboxTimeoutDelay { get; set; } = TimeSpan.FromSeconds(30);
    }

    /// <summary>Webhooks.</summary>
    internal sealed class WebhookSettings
    {
        /// <summary>Whether the delivery job runs.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>How often the delivery job looks for due deliveries.</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>How long one delivery attempt may take.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Attempts before a delivery is given up as failed.</summary>
        public int MaxAttempts { get; set; } = 8;

        /// <summary>How long venue entry waits for the ticketing partner.</summary>
        public TimeSpan TicketingTimeout { get; set; } = TimeSpan.FromSeconds(3);
    }
}
