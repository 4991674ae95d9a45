namespace PalmKey.Server.Infrastructure;

internal static class IdempotencyExtensions
{
    /// <summary>Marks a command as honouring the <c>Idempotency-Key</c> header (see <see cref="IdempotencyMiddleware"/>).</summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotentCommand.Instance);
}
