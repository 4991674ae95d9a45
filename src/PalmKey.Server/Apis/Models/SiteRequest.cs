namespace PalmKey.Server.Apis.Models;

/// <summary>Creates or renames a site.</summary>
internal sealed record SiteRequest(string? Name);
