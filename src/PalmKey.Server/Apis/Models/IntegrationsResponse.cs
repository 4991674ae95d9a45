namespace PalmKey.Server.Apis.Models;

/// <summary>The tenant's endpoints; the signing secret is shown only when it was just made.</summary>
internal sealed record IntegrationsResponse(string? WebhookUrl, string? TicketingUrl, bool HasSigningSecret, string? SigningSecret);
