namespace PalmKey.Server.Apis.Models;

/// <summary>The disclosure shown before enrollment.</summary>
internal sealed record DisclosureResponse(string Version, string Text, IReadOnlyList<string> Purposes, int DormancyDays, int MaxRetentionDays);
