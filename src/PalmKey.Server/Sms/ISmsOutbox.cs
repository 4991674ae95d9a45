namespace PalmKey.Server.Sms;

/// <summary>A sender that keeps what it sent, for the console and for tests.</summary>
internal interface ISmsOutbox
{
    /// <summary>The messages sent for a tenant, oldest first.</summary>
    IReadOnlyList<SmsMessage> Read(string tenantId);
}
