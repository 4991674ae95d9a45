using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
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
        // The app is built here rather than through WebApplicationFactory: when a host fails to start,
        // the factory can race with the host's disposal and report an ObjectDisposedException instead
        // of the host's own error (dotnet/aspnetcore#33494); it did so once in a full run under load.
        var folder = Directory.CreateTempSubdirectory("palmkey-nokey-").FullName;
        try
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PalmKey:MasterKey"] = "too short",
                ["PalmKey:DataDirectory"] = folder,
            });
            builder.AddPalmKeyServer();
            await using var app = builder.Build();
            app.MapPalmKeyServer();

            var e = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(TestContext.Current.CancellationToken));

            Assert.Contains("PalmKey:MasterKey", e.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
