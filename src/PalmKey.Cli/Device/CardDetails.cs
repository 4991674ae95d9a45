namespace PalmKey.Cli.Device;

/// <summary>A test card given at enrollment; sent sealed, never written anywhere.</summary>
internal sealed record CardDetails(string Number, int ExpiryMonth, int ExpiryYear, string Cvc);
