namespace PalmKey.Server.Apis.Models;

/// <summary>A text message the outbox kept.</summary>
internal sealed record OutboxMessage(string To, string Body, DateTimeOffset At);
