using System.Collections.Concurrent;

namespace PalmKey.Server.Sms;

/// <summary>
/// The default sender: sends nothing, and keeps the last 200 messages of each tenant in memory, where
/// the tenant's admin console and the tests read them. Memory only, so no number or code is ever
/// written to disk. Thread-safe.
/// </summary>
internal sealed class OutboxSmsSender : ISmsSender, ISmsOutbox
{
    private const int KeptPerTenant = 200;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SmsMessage>> _sent = new(StringComparer.Ordinal);

    public Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = _sent.GetOrAdd(message.TenantId, _ => new ConcurrentQueue<SmsMessage>());
        queue.Enqueue(message);
        while (queue.Count > KeptPerTenant && queue.TryDequeue(out _))
        {
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<SmsMessage> Read(string tenantId) =>
        _sent.TryGetValue(tenantId, out var queue) ? [.. queue] : [];
}
