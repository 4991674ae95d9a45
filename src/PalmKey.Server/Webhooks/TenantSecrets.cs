using PalmKey.Storage;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Webhooks;

/// <summary>The tenant's signing secret for webhooks and ticketing checks, kept encrypted under its data key.</summary>
internal static class TenantSecrets
{
    public static async Task<string?> SigningSecretAsync(PalmKeyDbContext db, TenantKeyring keyring, Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentNullException.ThrowIfNull(tenant);
        if (tenant.WebhookSecretCipher is null)
        {
            return null;
        }

        var keys = await keyring.GetAsync(db, tenant.Id, cancellationToken).ConfigureAwait(false);
        return keys.DecryptText(tenant.WebhookSecretCipher, tenant.Id, FieldContext.WebhookSecret);
    }
}
