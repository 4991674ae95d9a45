namespace PalmKey.Server.Entry;

/// <summary>
/// What a customer can link to their palm besides a card, and who may link it: a ticketing account
/// (the customer, or a registration station), a loyalty number (the customer or the business), an
/// office badge (the employer, that is the tenant's admin).
/// </summary>
internal static class AccountKinds
{
    public const string Ticket = "ticket";
    public const string Loyalty = "loyalty";
    public const string Badge = "badge";

    public static IReadOnlyList<string> ForAdmin { get; } = [Ticket, Loyalty, Badge];

    public static IReadOnlyList<string> ForCustomer { get; } = [Ticket, Loyalty];

    /// <summary>Checks a reference for its kind; a ticket is <c>partner:accountId</c>.</summary>
    public static string? Validate(string kind, string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.Trim().Length > 100 || reference.Any(char.IsControl))
        {
            return "reference is required, at most 100 characters.";
        }

        if (kind == Ticket)
        {
            var parts = reference.Trim().Split(':', 2);
            if (parts.Length != 2 || !IsPartner(parts[0]) || parts[1].Length == 0)
            {
                return "A ticketing reference is 'partner:accountId', the partner in lower-case letters, digits and dashes, such as 'tixly:A-1234'.";
            }
        }

        return null;
    }

    public static bool IsPartner(string? partner) =>
        partner is { Length: >= 1 and <= 40 } && partner.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
