using Microsoft.EntityFrameworkCore;

namespace PalmKey.Storage.Crypto;

/// <summary>
/// Rotates a tenant's data key: a new key becomes active for new writes, every encrypted field and
/// look-up hash is rewritten under it, and then the old keys are destroyed. Until the rewrite ends the
/// old keys stay readable, so reads never fail during a rotation.
/// </summary>
public static class DataKeyRotation
{
    private const int BatchSize = 500;
    private const int MaxPasses = 3;

    /// <summary>Rotates, re-encrypts and retires, in the context's tenant scope.</summary>
    /// <param name="db">The unit of work, in the tenant's scope.</param>
    /// <param name="keyring">The keyring.</param>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="now">The time.</param>
    /// <param name="cancellationToken">Cancels the work; a cancelled rotation leaves the new key active and the old ones readable.</param>
    /// <returns>The new key, the retired keys and the rows rewritten.</returns>
    public static async Task<DataKeyRotationResult> RotateAsync(PalmKeyDbContext db, TenantKeyring keyring, string tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keyring);
        var existing = await db.DataKeys.Where(k => k.TenantId == tenantId).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var key in existing)
        {
            key.IsActive = false;
        }

        var added = keyring.AddDataKey(db, tenantId, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        keyring.Forget(tenantId);
        var keys = await keyring.GetAsync(db, tenantId, cancellationToken).ConfigureAwait(false);

        // A write that took the old keys just before the rotation may land during the first pass;
        // a further pass catches it before the old keys go.
        var rewritten = 0;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var count = await ReencryptAsync(db, keys, cancellationToken).ConfigureAwait(false);
            rewritten += count;
            if (count == 0)
            {
                break;
            }
        }

        var retired = existing.Select(k => k.Id).ToList();
        await db.OtpChallenges.Where(o => retired.Contains(o.KeyId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.DataKeys.Where(k => retired.Contains(k.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        keyring.Forget(tenantId);
        return new DataKeyRotationResult(added.Id, retired, rewritten);
    }

    private static async Task<int> ReencryptAsync(PalmKeyDbContext db, TenantKeys keys, CancellationToken cancellationToken)
    {
        var rewritten = 0;
        string? after = null;
        while (true)
        {
            var customers = await db.Customers.Where(c => after == null || string.Compare(c.Id, after) > 0).OrderBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (customers.Count == 0)
            {
                break;
            }

            foreach (var customer in customers.Where(c => !keys.IsUnderActiveKey(c.PhoneCipher)))
            {
                var phone = keys.DecryptText(customer.PhoneCipher, customer.Id, FieldContext.CustomerPhone);
                customer.PhoneCipher = keys.EncryptText(phone, customer.Id, FieldContext.CustomerPhone);
                customer.PhoneHash = keys.PhoneHash(phone);
                rewritten++;
            }

            after = customers[^1].Id;
            await SaveBatchAsync(db, cancellationToken).ConfigureAwait(false);
        }

        after = null;
        while (true)
        {
            var palms = await db.Palms.Where(p => after == null || string.Compare(p.Id, after) > 0).OrderBy(p => p.Id).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (palms.Count == 0)
            {
                break;
            }

            foreach (var palm in palms.Where(p => !keys.IsUnderActiveKey(p.TemplatesCipher)))
            {
                palm.TemplatesCipher = keys.Encrypt(keys.Decrypt(palm.TemplatesCipher, palm.Id, FieldContext.PalmTemplates), palm.Id, FieldContext.PalmTemplates);
                rewritten++;
            }

            after = palms[^1].Id;
            await SaveBatchAsync(db, cancellationToken).ConfigureAwait(false);
        }

        foreach (var account in await db.LinkedAccounts.ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!keys.IsUnderActiveKey(account.ReferenceCipher))
            {
                account.ReferenceCipher = keys.Encrypt(keys.Decrypt(account.ReferenceCipher, account.Id, FieldContext.AccountReference), account.Id, FieldContext.AccountReference);
                rewritten++;
            }
        }

        foreach (var enrollment in await db.EnrollmentSessions.ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!keys.IsUnderActiveKey(enrollment.PhoneCipher))
            {
                var phone = keys.DecryptText(enrollment.PhoneCipher, enrollment.Id, FieldContext.EnrollmentPhone);
                enrollment.PhoneCipher = keys.EncryptText(phone, enrollment.Id, FieldContext.EnrollmentPhone);
                enrollment.PhoneHash = keys.PhoneHash(phone);
                rewritten++;
            }

            if (enrollment.CardTokenCipher is { } token && !keys.IsUnderActiveKey(token))
            {
                enrollment.CardTokenCipher = keys.Encrypt(keys.Decrypt(token, enrollment.Id, FieldContext.EnrollmentCardToken), enrollment.Id, FieldContext.EnrollmentCardToken);
                rewritten++;
            }
        }

        foreach (var card in await db.PaymentCards.ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!keys.IsUnderActiveKey(card.TokenCipher))
            {
                card.TokenCipher = keys.Encrypt(keys.Decrypt(card.TokenCipher, card.Id, FieldContext.CardToken), card.Id, FieldContext.CardToken);
                rewritten++;
            }
        }

        var tenant = await db.Tenants.SingleAsync(t => t.Id == keys.TenantId, cancellationToken).ConfigureAwait(false);
        if (tenant.WebhookSecretCipher is { } secret && !keys.IsUnderActiveKey(secret))
        {
            tenant.WebhookSecretCipher = keys.Encrypt(keys.Decrypt(secret, tenant.Id, FieldContext.WebhookSecret), tenant.Id, FieldContext.WebhookSecret);
            rewritten++;
        }

        await SaveBatchAsync(db, cancellationToken).ConfigureAwait(false);
        return rewritten;
    }

    private static async Task SaveBatchAsync(PalmKeyDbContext db, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }
}
