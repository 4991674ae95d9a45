namespace PalmKey.Storage.Entities;

/// <summary>Where a payment stands with the gateway.</summary>
public enum PaymentStatus
{
    /// <summary>Recorded, the gateway not asked yet or its answer not recorded yet.</summary>
    Pending,

    /// <summary>Authorized and not captured: money is held on the card. Outstanding.</summary>
    Authorized,

    /// <summary>Captured: the customer paid.</summary>
    Captured,

    /// <summary>The card was declined; nothing was charged.</summary>
    Declined,

    /// <summary>An authorization is being released after a failure; outstanding until the gateway confirms.</summary>
    VoidPending,

    /// <summary>The authorization was released; nothing was charged.</summary>
    Voided,

    /// <summary>A refund was asked for and has not settled. Outstanding.</summary>
    RefundPending,

    /// <summary>The refund settled.</summary>
    Refunded,
}
