namespace PalmKey.Server.Payments;

/// <summary>The outcomes of a checkout, as the device reads them.</summary>
internal static class CheckoutOutcomes
{
    public const string Approved = "approved";
    public const string Declined = "declined";
    public const string NotRecognized = "not-recognized";
    public const string Ambiguous = "ambiguous";
    public const string NoCard = "no-card";
    public const string PaymentUnavailable = "payment-unavailable";
}
