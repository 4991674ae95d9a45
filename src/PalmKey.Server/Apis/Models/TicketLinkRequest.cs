namespace PalmKey.Server.Apis.Models;

/// <summary>At a registration station: the hover's frames and the external ticketing account to link to the palm.</summary>
internal sealed record TicketLinkRequest(IReadOnlyList<byte[]>? Frames, string? Partner, string? AccountId);
