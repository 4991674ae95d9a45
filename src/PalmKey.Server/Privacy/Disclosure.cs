namespace PalmKey.Server.Privacy;

/// <summary>What a person is shown, and accepts, before enrolling.</summary>
/// <param name="Version">Changes whenever the text changes, including the tenant's purposes and retention.</param>
/// <param name="Text">The full text.</param>
/// <param name="Purposes">The purposes the palm may be used for.</param>
/// <param name="DormancyDays">Days without use after which the account is deleted.</param>
/// <param name="MaxRetentionDays">Days after the last interaction by which all data is deleted.</param>
internal sealed record Disclosure(string Version, string Text, IReadOnlyList<string> Purposes, int DormancyDays, int MaxRetentionDays);
