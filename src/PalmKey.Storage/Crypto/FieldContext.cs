using System.Text;

namespace PalmKey.Storage.Crypto;

/// <summary>Where an encrypted value lives: the associated data that binds a ciphertext to its place.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="RowId">The row's id.</param>
/// <param name="Field">The field, one of the constants.</param>
public readonly record struct FieldContext(string TenantId, string RowId, string Field)
{
    /// <summary>A customer's mobile number.</summary>
    public const string CustomerPhone = "customer.phone";

    /// <summary>An enrollment's mobile number.</summary>
    public const string EnrollmentPhone = "enrollment.phone";

    /// <summary>A palm's templates.</summary>
    public const string PalmTemplates = "palm.templates";

    /// <summary>A linked account's reference.</summary>
    public const string AccountReference = "account.reference";

    /// <summary>A card's gateway token.</summary>
    public const string CardToken = "card.token";

    /// <summary>A card token held by an enrollment in progress.</summary>
    public const string EnrollmentCardToken = "enrollment.card-token";

    /// <summary>The tenant's webhook signing secret.</summary>
    public const string WebhookSecret = "tenant.webhook-secret";

    internal byte[] AssociatedData() => Encoding.UTF8.GetBytes($"palmkey/field/v1\0{TenantId}\0{RowId}\0{Field}");
}
