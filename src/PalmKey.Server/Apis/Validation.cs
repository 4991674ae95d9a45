namespace PalmKey.Server.Apis;

/// <summary>Small checks shared by the admin endpoints; each returns an error message or null.</summary>
internal static class Validation
{
    public const int MaxNameLength = 200;

    public static string? Name(string? name, string field) =>
        string.IsNullOrWhiteSpace(name) ? $"{field} is required."
        : name.Trim().Length > MaxNameLength ? $"{field} may be at most {MaxNameLength} characters."
        : null;

    public static int PageSize(int? limit) => Math.Clamp(limit ?? 100, 1, 500);
}
