namespace PalmKey.Storage.Entities;

/// <summary>The purposes an identification may serve; each tenant accepts a subset.</summary>
public static class Purposes
{
    /// <summary>Paying at a checkout.</summary>
    public const string Checkout = "checkout";

    /// <summary>Entering a venue or a building.</summary>
    public const string Entry = "entry";

    /// <summary>Showing a loyalty account.</summary>
    public const string Loyalty = "loyalty";

    /// <summary>Showing an employee or member badge.</summary>
    public const string Badge = "badge";

    /// <summary>Every purpose, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [Checkout, Entry, Loyalty, Badge];

    /// <summary>Splits a stored comma-separated list.</summary>
    public static IReadOnlyList<string> Parse(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Joins purposes for storage, in the order of <see cref="All"/>.</summary>
    public static string Format(IEnumerable<string> purposes)
    {
        var set = purposes.ToHashSet(StringComparer.Ordinal);
        return string.Join(',', All.Where(set.Contains));
    }
}
