namespace PalmKey.Server.Apis.Models;

/// <summary>The tenant's webhook and ticketing endpoints (absolute http or https URLs; empty to remove), and whether to make a new signing secret.</summary>
internal sealed record IntegrationsRequest(string? WebhookUrl, string? TicketingUrl, bool RotateSecret);
