namespace PalmKey.Storage.Entities;

/// <summary>Which hand a palm is.</summary>
public enum Hand
{
    /// <summary>The left hand.</summary>
    Left = 1,

    /// <summary>The right hand.</summary>
    Right = 2,
}
