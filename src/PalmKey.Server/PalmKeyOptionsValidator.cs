using System.Globalization;
using Microsoft.Extensions.Options;
using PalmKey.Storage;

namespace PalmKey.Server;

/// <summary>Checks the settings at start, with messages that name the setting and the fix.</summary>
internal sealed class PalmKeyOptionsValidator : IValidateOptions<PalmKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, PalmKeyOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.MasterKey))
        {
            errors.Add($"PalmKey:MasterKey is not set. Give the 32-byte master key in base64 through configuration or the {PalmKeyOptions.MasterKeyVariable} environment variable; `palmkey serve` makes one for a demo.");
        }
        else
        {
            try
            {
                _ = Storage.Crypto.MasterKey.FromBase64(options.MasterKey);
            }
            catch (FormatException e)
            {
                errors.Add($"PalmKey:MasterKey: {e.Message}");
            }
        }

        if (!Enum.IsDefined(options.Database.Provider))
        {
            errors.Add("PalmKey:Database:Provider must be Sqlite or Postgres.");
        }
        else if (options.Database.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.Database.ConnectionString))
        {
            errors.Add("PalmKey:Database:ConnectionString is required when PalmKey:Database:Provider is Postgres.");
        }

        if (options.Database.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.Database.ConnectionString) && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("PalmKey:DataDirectory must name a folder for the SQLite database.");
        }

        if (options.OperatorKeyHash is { Length: > 0 } hash && (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit)))
        {
            errors.Add("PalmKey:OperatorKeyHash must be the SHA-256 of the operator key as 64 hex digits.");
        }

        Positive(errors, "PalmKey:Identification:PermitsPerSecond", options.Identification.PermitsPerSecond);
        Positive(errors, "PalmKey:Identification:Burst", options.Identification.Burst);
        Positive(errors, "PalmKey:Identification:MaxFrames", options.Identification.MaxFrames);
        if (options.Identification.MinFrames < 2 || options.Identification.MinFrames > options.Identification.MaxFrames)
        {
            errors.Add("PalmKey:Identification:MinFrames must be at least 2 (a hover gesture has several frames) and at most MaxFrames.");
        }

        Positive(errors, "PalmKey:Identification:FrameReplayWindow", options.Identification.FrameReplayWindow);
        Positive(errors, "PalmKey:Identification:ActivationsPerMinute", options.Identification.ActivationsPerMinute);
        if (options.Enrollment.MinCaptures < 3 || options.Enrollment.MaxCaptures < options.Enrollment.MinCaptures)
        {
            errors.Add("PalmKey:Enrollment:MinCaptures must be at least 3, and MaxCaptures at least MinCaptures.");
        }

        Positive(errors, "PalmKey:Enrollment:SessionLifetime", options.Enrollment.SessionLifetime);
        Positive(errors, "PalmKey:Otp:Lifetime", options.Otp.Lifetime);
        Positive(errors, "PalmKey:Otp:MaxAttempts", options.Otp.MaxAttempts);
        Positive(errors, "PalmKey:Otp:MaxSends", options.Otp.MaxSends);
        Positive(errors, "PalmKey:Otp:SendWindow", options.Otp.SendWindow);
        Positive(errors, "PalmKey:Otp:SessionLifetime", options.Otp.SessionLifetime);
        Positive(errors, "PalmKey:Otp:SignInRequestsPerMinute", options.Otp.SignInRequestsPerMinute);
        Positive(errors, "PalmKey:Retention:Interval", options.Retention.Interval);
        Positive(errors, "PalmKey:Payments:GatewayTimeout", options.Payments.GatewayTimeout);
        Positive(errors, "PalmKey:Payments:SettlementInterval", options.Payments.SettlementInterval);
        Positive(errors, "PalmKey:Payments:StalePendingAfter", options.Payments.StalePendingAfter);
        Positive(errors, "PalmKey:Webhooks:Interval", options.Webhooks.Interval);
        Positive(errors, "PalmKey:Webhooks:RequestTimeout", options.Webhooks.RequestTimeout);
        Positive(errors, "PalmKey:Webhooks:TicketingTimeout", options.Webhooks.TicketingTimeout);
        if (options.Webhooks.MaxAttempts is < 1 or > 20)
        {
            errors.Add("PalmKey:Webhooks:MaxAttempts must be 1 to 20.");
        }

        if (options.Limits.BodyBytes < 1024 || options.Limits.FramesBodyBytes < options.Limits.BodyBytes)
        {
            errors.Add("PalmKey:Limits:BodyBytes must be at least 1024, and FramesBodyBytes at least BodyBytes.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string setting, int value)
    {
        if (value < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{setting} must be at least 1; it is {value}."));
        }
    }

    private static void Positive(List<string> errors, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{setting} must be a positive time span such as 00:05:00; it is {value}."));
        }
    }
}
