namespace PalmKey.Server.Sms;

/// <summary>Sends text messages. Implementations must not log the number or the text.</summary>
internal interface ISmsSender
{
    /// <summary>Sends one message.</summary>
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
