namespace PalmKey.Server.Apis.Models;

/// <summary>An enrolled palm: which hand and when; never the template.</summary>
internal sealed record PalmView(string Hand, int Captures, DateTimeOffset EnrolledAt);
