using PalmKey.Server.Auth;

namespace PalmKey.Server.Apis;

/// <summary>The tenant admin's endpoints under <c>/v1/admin</c>, all scoped to the admin key's tenant.</summary>
internal static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").RequireAuthorization(Policies.Admin);
        admin.MapSettingsApi();
        admin.MapSitesApi();
        admin.MapDevicesApi();
        admin.MapApiKeysApi();
        admin.MapCustomersApi();
        admin.MapTenantRecordsApi();
        admin.MapPaymentsApi();
        admin.MapStatsApi();
        return admin;
    }
}
