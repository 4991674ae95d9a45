using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Storage.Tests;

public sealed class EncryptionTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Fields_are_stored_encrypted_and_read_back(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var keyring = new TenantKeyring(Seed.Master);
        var tenant = await Seed.TenantAsync(database, keyring);
        var customer = await Seed.CustomerAsync(database, keyring, tenant, "+15550100001");
        var ct = TestContext.Current.CancellationToken;

        await using var db = database.OpenTenant(tenant);
        var stored = await db.Customers.SingleAsync(ct);
        var palm = await db.Palms.SingleAsync(ct);
        var keys = await new TenantKeyring(Seed.Master).GetAsync(db, tenant, ct);

        Assert.Equal("+15550100001", keys.DecryptText(stored.PhoneCipher, stored.Id, FieldContext.CustomerPhone));
        Assert.Equal(Seed.TemplateBytes(customer.Id), keys.Decrypt(palm.TemplatesCipher, palm.Id, FieldContext.PalmTemplates));
        Assert.Equal(-1, stored.PhoneCipher.AsSpan().IndexOf("5550100001"u8));
        Assert.Equal(-1, palm.TemplatesCipher.AsSpan().IndexOf(Seed.TemplateBytes(customer.Id).AsSpan(0, 16)));
        Assert.Equal(keys.PhoneHash("+15550100001"), stored.PhoneHash);
    }

    [Fact]
    public void A_ciphertext_moved_to_another_row_or_field_does_not_decrypt()
    {
        var keys = KeysFor("ten_a");
        var blob = keys.EncryptText("+15550100001", "cus_1", FieldContext.CustomerPhone);

        Assert.Equal("+15550100001", keys.DecryptText(blob, "cus_1", FieldContext.CustomerPhone));
        Assert.ThrowsAny<CryptographicException>(() => keys.Decrypt(blob, "cus_2", FieldContext.CustomerPhone));
        Assert.ThrowsAny<CryptographicException>(() => keys.Decrypt(blob, "cus_1", FieldContext.EnrollmentPhone));
    }

    [Fact]
    public void Another_tenants_keys_cannot_decrypt_and_hash_numbers_differently()
    {
        var a = KeysFor("ten_a");
        var b = KeysFor("ten_b");
        var blob = a.EncryptText("+15550100001", "cus_1", FieldContext.CustomerPhone);

        Assert.ThrowsAny<CryptographicException>(() => b.Decrypt(blob, "cus_1", FieldContext.CustomerPhone));
        Assert.NotEqual(a.PhoneHash("+15550100001"), b.PhoneHash("+15550100001"));
    }

    [Fact]
    public void A_flipped_bit_is_detected()
    {
        var keys = KeysFor("ten_a");
        var blob = keys.EncryptText("+15550100001", "cus_1", FieldContext.CustomerPhone);
        blob[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => keys.Decrypt(blob, "cus_1", FieldContext.CustomerPhone));
    }

    [Fact]
    public void A_wrapped_data_key_opens_only_with_its_master_key_tenant_and_id()
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = Seed.Master.Wrap(dataKey, "ten_a", "dk_1");

        Assert.Equal(dataKey, Seed.Master.Unwrap(wrapped, "ten_a", "dk_1"));
        Assert.ThrowsAny<CryptographicException>(() => Seed.Master.Unwrap(wrapped, "ten_b", "dk_1"));
        Assert.ThrowsAny<CryptographicException>(() => Seed.Master.Unwrap(wrapped, "ten_a", "dk_2"));
        Assert.ThrowsAny<CryptographicException>(() => MasterKey.Generate().Unwrap(wrapped, "ten_a", "dk_1"));
        Assert.Equal(-1, wrapped.AsSpan().IndexOf(dataKey.AsSpan(0, 8)));
    }

    [Fact]
    public void Master_keys_read_from_base64_and_refuse_other_lengths()
    {
        var key = MasterKey.Generate();

        Assert.Equal(key.Id, MasterKey.FromBase64(key.ToBase64()).Id);
        Assert.Throws<FormatException>(() => MasterKey.FromBase64(Convert.ToBase64String(new byte[16])));
        Assert.Throws<FormatException>(() => MasterKey.FromBase64("not base64!"));
        Assert.StartsWith("mk_", key.Id, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Keys_wrapped_by_another_master_key_are_refused_with_a_clear_message(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenant = await Seed.TenantAsync(database, new TenantKeyring(Seed.Master));
        await using var db = database.OpenTenant(tenant);

        var e = await Assert.ThrowsAsync<DataKeyUnavailableException>(() => new TenantKeyring(MasterKey.Generate()).GetAsync(db, tenant, TestContext.Current.CancellationToken));

        Assert.Contains(Seed.Master.Id, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Rotation_rewrites_every_field_under_a_new_key_and_destroys_the_old_one(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var keyring = new TenantKeyring(Seed.Master);
        var tenant = await Seed.TenantAsync(database, keyring);
        var customers = new List<Customer>();
        for (var i = 0; i < 3; i++)
        {
            customers.Add(await Seed.CustomerAsync(database, keyring, tenant, $"+1555010000{i}"));
        }

        var ct = TestContext.Current.CancellationToken;
        string oldKey;
        await using (var db = database.OpenTenant(tenant))
        {
            oldKey = (await keyring.GetAsync(db, tenant, ct)).ActiveKeyId;
            db.OtpChallenges.Add(new OtpChallenge { Id = EntityIds.New("otp"), TenantId = tenant, PhoneHash = [1], KeyId = oldKey, CodeHash = [2], CreatedAt = Seed.Start, ExpiresAt = Seed.Start.AddMinutes(5) });
            await db.SaveChangesAsync(ct);
        }

        DataKeyRotationResult result;
        await using (var db = database.OpenTenant(tenant))
        {
            result = await DataKeyRotation.RotateAsync(db, keyring, tenant, Seed.Start.AddDays(1), ct);
        }

        Assert.Equal([oldKey], result.RetiredKeyIds);
        Assert.Equal(9, result.RowsRewritten);
        await using (var db = database.OpenTenant(tenant))
        {
            Assert.Equal([result.NewKeyId], await db.DataKeys.Select(k => k.Id).ToListAsync(ct));
            Assert.Empty(await db.OtpChallenges.ToListAsync(ct));
            var keys = await new TenantKeyring(Seed.Master).GetAsync(db, tenant, ct);
            foreach (var customer in customers)
            {
                var stored = await db.Customers.SingleAsync(c => c.Id == customer.Id, ct);
                var phone = keys.DecryptText(stored.PhoneCipher, stored.Id, FieldContext.CustomerPhone);
                Assert.Equal(keys.PhoneHash(phone), stored.PhoneHash);
                Assert.NotEqual(customer.PhoneHash, stored.PhoneHash);
                var palm = await db.Palms.SingleAsync(p => p.CustomerId == customer.Id, ct);
                Assert.Equal(Seed.TemplateBytes(customer.Id), keys.Decrypt(palm.TemplatesCipher, palm.Id, FieldContext.PalmTemplates));
            }
        }
    }

    private static TenantKeys KeysFor(string tenantId) =>
        new(tenantId, "dk_1", [new("dk_1", SHA256.HashData(Encoding.UTF8.GetBytes(tenantId)))]);
}
