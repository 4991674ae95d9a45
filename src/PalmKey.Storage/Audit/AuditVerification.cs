namespace PalmKey.Storage.Audit;

/// <summary>The result of checking the audit chain.</summary>
/// <param name="EntriesChecked">Entries read, up to and including the first broken one.</param>
/// <param name="FirstBrokenSequence">The sequence number of the first entry that does not fit the chain, or null where all fit.</param>
/// <param name="Problem">What is wrong with that entry, or null.</param>
/// <param name="HeadHash">
/// The hash of the last entry of an intact chain, in hex: kept outside the database, it also shows
/// whether entries were later cut from the end, which the chain alone cannot.
/// </param>
public sealed record AuditVerification(long EntriesChecked, long? FirstBrokenSequence, string? Problem, string? HeadHash)
{
    /// <summary>Whether every entry fits the chain.</summary>
    public bool IsIntact => FirstBrokenSequence is null;
}
