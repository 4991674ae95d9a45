namespace PalmKey.Server.Index;

/// <summary>
/// One tenant's in-memory palm gallery, the seam between the server and the 1:N search: palms are
/// added and removed by id, and a probe gets an open-set decision at the tenant's target
/// false-positive identification rate (FPIR). Another tenant's palms are never in it. Implementations
/// are thread-safe: searches run while palms are added and removed.
/// </summary>
internal interface ITenantPalmIndex
{
    /// <summary>Palms held.</summary>
    int PalmCount { get; }

    /// <summary>Templates held, over all palms.</summary>
    int TemplateCount { get; }

    /// <summary>Adds palms, replacing any held under the same palm id.</summary>
    void Add(IEnumerable<IndexedPalm> palms);

    /// <summary>Removes every palm of a customer; returns how many.</summary>
    int RemoveCustomer(string customerId);

    /// <summary>Whether any palm of the customer is held.</summary>
    bool Contains(string customerId);

    /// <summary>Identifies a probe of one or more frames: the best palm and whether it passes the threshold for <paramref name="targetFpir"/>.</summary>
    IndexDecision Identify(IReadOnlyList<PalmProbe> frames, double targetFpir);

    /// <summary>Looks for a palm already enrolled that matches new captures, searched as one probe, at the tenant's FPIR.</summary>
    IndexDecision FindDuplicate(IReadOnlyList<PalmProbe> captures, double targetFpir);
}
