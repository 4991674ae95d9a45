using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Storage.Tests;

/// <summary>Rows for tests, written in the system scope.</summary>
internal static class Seed
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static MasterKey Master { get; } = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static async Task<string> TenantAsync(TestDatabase database, TenantKeyring keyring, string name = "Shop")
    {
        await using var db = database.OpenSystem();
        var tenant = new Tenant
        {
            Id = EntityIds.New("ten"),
            Name = name,
            CreatedAt = Start,
            AcceptedPurposes = Purposes.Format(Purposes.All),
            DormancyDays = 730,
            MaxRetentionDays = 1095,
            TargetFpir = 0.001,
            Currency = "USD",
        };
        db.Tenants.Add(tenant);
        keyring.AddDataKey(db, tenant.Id, Start);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return tenant.Id;
    }

    public static async Task<Customer> CustomerAsync(TestDatabase database, TenantKeyring keyring, string tenantId, string phone, DateTimeOffset? enrolledAt = null)
    {
        await using var db = database.OpenTenant(tenantId);
        var keys = await keyring.GetAsync(db, tenantId, TestContext.Current.CancellationToken);
        var id = EntityIds.New("cus");
        var at = enrolledAt ?? Start;
        var customer = new Customer
        {
            Id = id,
            TenantId = tenantId,
            PhoneHash = keys.PhoneHash(phone),
            PhoneCipher = keys.EncryptText(phone, id, FieldContext.CustomerPhone),
            ConsentVersion = "test-1",
            ConsentAcceptedAt = at,
            EnrolledAt = at,
            LastInteractionAt = at,
        };
        db.Customers.Add(customer);
        var palmId = EntityIds.New("palm");
        db.Palms.Add(new Palm
        {
            Id = palmId,
            TenantId = tenantId,
            CustomerId = id,
            Hand = Hand.Left,
            AlgorithmVersion = 1,
            CaptureCount = 1,
            TemplatesCipher = keys.Encrypt(TemplateBytes(id), palmId, FieldContext.PalmTemplates),
            EnrolledAt = at,
        });
        var accountId = EntityIds.New("acct");
        db.LinkedAccounts.Add(new LinkedAccount
        {
            Id = accountId,
            TenantId = tenantId,
            CustomerId = id,
            Kind = "loyalty",
            ReferenceCipher = keys.EncryptText("LOY-" + id[^6..], accountId, FieldContext.AccountReference),
            LinkedAt = at,
        });
        db.UsageEvents.Add(new UsageEvent { TenantId = tenantId, CustomerId = id, At = at, SiteId = "site_x", DeviceId = "dev_x", Purpose = Purposes.Checkout });
        var token = SecretToken.Issue(SecretToken.SessionKind);
        db.CustomerSessions.Add(new CustomerSession { Id = EntityIds.New("ses"), TenantId = tenantId, CustomerId = id, Prefix = token.Prefix, TokenHash = token.Hash, CreatedAt = at, ExpiresAt = at.AddMinutes(30) });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return customer;
    }

    /// <summary>Stand-in template bytes, distinct per customer; storage does not parse them.</summary>
    public static byte[] TemplateBytes(string customerId) =>
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(customerId)).Concat(new byte[100]).ToArray();
}
