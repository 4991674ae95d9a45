namespace PalmKey.Server.Entry;

/// <summary>The outcomes of entry, badge and loyalty requests, as devices read them.</summary>
internal static class EntryOutcomes
{
    public const string CheckedIn = "checked-in";
    public const string Admitted = "admitted";
    public const string Denied = "denied";
    public const string Allow = "allow";
    public const string Deny = "deny";
    public const string Found = "found";
    public const string Linked = "linked";
    public const string NotRecognized = "not-recognized";
    public const string Ambiguous = "ambiguous";
    public const string NoAccount = "no-account";
    public const string TicketingUnavailable = "ticketing-unavailable";
}
