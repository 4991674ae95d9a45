namespace PalmKey;

/// <summary>The open-set decision of an identification search.</summary>
public enum PalmDecision
{
    /// <summary>No enrolled palm scores above the threshold: the person is treated as not enrolled.</summary>
    NoMatch,

    /// <summary>Exactly one enrolled palm scores above the threshold: it is the match.</summary>
    Match,

    /// <summary>
    /// Two or more enrolled palms score above the threshold. The index does not pick between them;
    /// ask for another capture. At the default rate this happens to about one genuine search in a thousand.
    /// </summary>
    Ambiguous,
}
