namespace PalmKey.Server.Payments;

/// <summary>What is kept of a card: the gateway's token, the brand, the last four digits and the expiry.</summary>
internal sealed record TokenizedCard(string Token, string Brand, string Last4, int ExpiryMonth, int ExpiryYear)
{
    // The token charges the card: it is never printed.
    public override string ToString() => $"{Brand} ending {Last4}";
}
