namespace PalmKey.Storage.Entities;

/// <summary>How an identification attempt ended.</summary>
public enum IdentificationOutcome
{
    /// <summary>A customer was recognized.</summary>
    Recognized = 1,

    /// <summary>No enrolled palm scored above the tenant's threshold.</summary>
    NotRecognized = 2,

    /// <summary>The frames could not be used: unreadable or of poor quality.</summary>
    Rejected = 3,
}
