namespace PalmKey.Server.Sms;

/// <summary>A text message to a mobile number, sent on behalf of a tenant.</summary>
/// <param name="TenantId">The tenant the message is for.</param>
/// <param name="To">The E.164 number.</param>
/// <param name="Body">The text.</param>
/// <param name="At">When it was sent.</param>
internal sealed record SmsMessage(string TenantId, string To, string Body, DateTimeOffset At);
