namespace PalmKey.Server.Apis.Models;

/// <summary>Identifications for one purpose, by outcome.</summary>
internal sealed record PurposeCount(string Purpose, int Recognized, int NotRecognized, int Rejected);
