namespace PalmKey.Server.Infrastructure;

/// <summary>Endpoint metadata: the command honours an <c>Idempotency-Key</c> header.</summary>
internal sealed class IdempotentCommand
{
    public static IdempotentCommand Instance { get; } = new();
}
