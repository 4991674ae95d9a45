using System.Net;
using PalmKey.Server.Apis.Models;

namespace PalmKey.Server.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task A_restart_keeps_tenants_keys_customers_palms_and_history()
    {
        var folder = Directory.CreateTempSubdirectory("palmkey-restart-").FullName;
        try
        {
            string masterKey, customerId, tenantId, adminKey;
            DeviceIdentity deviceKey;
            await using (var first = await new PalmKeyServerFactory(folder).StartAsync())
            {
                using var tenant = await TestTenant.CreateAsync(first);
                customerId = await tenant.EnrollAsync("+15550100001", TestTenant.Palms(("left", SyntheticPalm.Captures(1)), ("right", SyntheticPalm.Captures(2))));
                Assert.True((await tenant.IdentifyPalmAsync(1)).Recognized);
                (masterKey, tenantId, adminKey, deviceKey) = (first.MasterKey, tenant.TenantId, tenant.AdminKey, tenant.DeviceIdentity);
            }

            await using var second = await new PalmKeyServerFactory(folder, masterKey).StartAsync();
            using var device = second.DeviceClient(deviceKey);
            using var admin = second.ClientWith(adminKey);

            foreach (var palm in new[] { 1, 2 })
            {
                var answer = await (await device.SendPostAsync("/v1/identify", new IdentifyRequest(SyntheticPalm.Hover(palm, 424_242), "checkout", null))).ReadAsync<IdentifyResponse>();
                Assert.Equal(customerId, answer.CustomerId);
            }

            var customers = await (await admin.SendGetAsync("/v1/admin/customers")).ReadAsync<CustomerPage>();
            Assert.Equal(customerId, Assert.Single(customers.Customers).CustomerId);
            Assert.Equal(2, customers.Customers[0].Palms);
            var report = await (await admin.SendGetAsync("/v1/admin/transparency")).ReadAsync<TransparencyReport>();
            Assert.Equal(3, report.Identifications.Single().Recognized);
            var duplicate = await second.DeviceClient(deviceKey).SendPostAsync("/v1/enrollments", new StartEnrollmentRequest(null, "+15550100009"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
            Assert.NotEmpty(tenantId);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Without_the_master_key_the_server_refuses_to_start_with_a_clear_message()
    {
        await using var factory = new PalmKeyServerFactory(settings: new Dictionary<string, string?> { ["PalmKey:MasterKey"] = "too short" });

        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("PalmKey:MasterKey", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_master_key_cannot_open_the_data()
    {
        var folder = Directory.CreateTempSubdirectory("palmkey-restart-").FullName;
        try
        {
            DeviceIdentity deviceKey;
            await using (var first = await new PalmKeyServerFactory(folder).StartAsync())
            {
                using var tenant = await TestTenant.CreateAsync(first);
                await tenant.EnrollAsync("+15550100001", palm: 1);
                deviceKey = tenant.DeviceIdentity;
            }

            await using var second = new PalmKeyServerFactory(folder);
            try
            {
                _ = second.Services;
            }
            catch (ObjectDisposedException)
            {
                // The host may already have stopped by the time the factory asks for its services.
            }

            // The index cannot load: the server stops rather than serve without the tenant's palms, and says why.
            string? line = null;
            for (var i = 0; i < 200 && line is null; i++)
            {
                await Task.Delay(25, TestContext.Current.CancellationToken);
                line = second.Logs.Lines.FirstOrDefault(l => l.StartsWith("Critical", StringComparison.Ordinal));
            }

            Assert.NotNull(line);
            Assert.Contains("was wrapped by master key", line, StringComparison.Ordinal);
            Assert.Contains("PalmKey:MasterKey", line, StringComparison.Ordinal);
            Assert.DoesNotContain(second.MasterKey, string.Join('\n', second.Logs.Lines), StringComparison.Ordinal);
            Assert.NotEmpty(deviceKey.DeviceId);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
