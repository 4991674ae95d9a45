namespace PalmKey.Server.Payments;

/// <summary>A card as typed in, held in memory only for the call to the gateway. Never logged or stored.</summary>
/// <param name="Number">The card number, digits only.</param>
/// <param name="ExpiryMonth">1 to 12.</param>
/// <param name="ExpiryYear">Four digits.</param>
/// <param name="Cvc">The security code.</param>
/// <param name="Brand">The brand the number belongs to.</param>
internal sealed record CardDetails(string Number, int ExpiryMonth, int ExpiryYear, string Cvc, string Brand)
{
    public string Last4 => Number[^4..];

    // A record prints its members; this one must never print the number.
    public override string ToString() => $"{Brand} ending {Last4}";
}
