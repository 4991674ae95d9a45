using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PalmKey.Server.Apis;
using PalmKey.Server.Auth;
using PalmKey.Server.Capture;
using PalmKey.Server.Devices;
using PalmKey.Server.Enrollment;
using PalmKey.Server.Entry;
using PalmKey.Server.Identification;
using PalmKey.Server.Index;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Payments;
using PalmKey.Server.Privacy;
using PalmKey.Server.SelfService;
using PalmKey.Server.Sms;
using PalmKey.Server.Tenancy;
using PalmKey.Server.Webhooks;
using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;

namespace PalmKey.Server;

/// <summary>Adds the PalmKey server to an ASP.NET Core application: its services, and its middleware and endpoints.</summary>
public static class PalmKeyServerExtensions
{
    /// <summary>
    /// Registers everything the server needs, configured from the <c>PalmKey</c> section (see
    /// docs/api.md); the settings are validated when the application starts.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddPalmKeyServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        services.AddOptions<PalmKeyOptions>()
            .Bind(builder.Configuration.GetSection(PalmKeyOptions.Section))
            .PostConfigure(o => o.MasterKey = string.IsNullOrWhiteSpace(o.MasterKey) ? Environment.GetEnvironmentVariable(PalmKeyOptions.MasterKeyVariable) : o.MasterKey)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PalmKeyOptions>, PalmKeyOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        var framesLimit = builder.Configuration.GetValue<long?>("PalmKey:Limits:FramesBodyBytes") ?? new PalmKeyOptions().Limits.FramesBodyBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = framesLimit);

        // Storage: the master key comes from configuration or the environment, never from the database.
        services.AddSingleton(sp => MasterKey.FromBase64(sp.GetRequiredService<IOptions<PalmKeyOptions>>().Value.MasterKey!));
        services.AddSingleton<TenantKeyring>();
        services.AddSingleton<AuditLog>();
        services.AddScoped<TenantScope>();
        services.AddDbContext<PalmKeyDbContext>(
            (sp, options) => ConfigureDatabase(sp.GetRequiredService<IOptions<PalmKeyOptions>>().Value, options),
            ServiceLifetime.Scoped,
            ServiceLifetime.Singleton);
        services.AddSingleton<PalmKeyDbFactory>();

        services.AddSingleton(_ => new PalmIndexRegistry(() => new CorePalmIndex()));
        services.AddSingleton<IPalmCaptureProcessor, PalmCaptureProcessor>();
        services.AddSingleton<OutboxSmsSender>();
        services.TryAddSingleton<ISmsSender>(sp => sp.GetRequiredService<OutboxSmsSender>());
        services.TryAddSingleton<ISmsOutbox>(sp => sp.GetRequiredService<OutboxSmsSender>());
        services.AddSingleton<OtpService>();
        services.TryAddSingleton<IOutstandingTransactions, PaymentOutstandingTransactions>();
        services.TryAddSingleton<IPaymentGateway, SandboxPaymentGateway>();
        services.AddSingleton<CardTokenizer>();
        services.AddSingleton<PaymentSettlement>();
        services.AddSingleton<TicketingClient>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.AddSingleton<CustomerDeletion>();
        services.AddSingleton<TenantProvisioning>();
        services.AddSingleton<NonceCache>();
        services.AddSingleton<IngestionKeyStore>();
        services.AddSingleton<FrameReplayCache>();
        services.AddScoped<EnrollmentService>();
        services.AddScoped<IdentificationService>();
        services.AddSingleton<IdentificationLatency>();
        services.AddScoped<CustomerSelfService>();
        services.AddScoped<PaymentService>();
        services.AddScoped<EntryService>();
        services.AddScoped<RetentionPurger>();

        // Start-up order matters: the schema first, then the indexes, then the retention job.
        services.AddHostedService<DatabaseStartup>();
        services.AddHostedService<PalmIndexLoader>();
        services.AddSingleton<RetentionWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionWorker>());
        var payments = builder.Configuration.GetSection("PalmKey:Payments").Get<PalmKeyOptions.PaymentSettings>() ?? new();
        if (payments.SettlementEnabled)
        {
            services.AddHostedService(sp => new PeriodicJob("payment settlement", payments.SettlementInterval, (s, ct) => s.GetRequiredService<PaymentSettlement>().RunAsync(ct), sp));
        }

        var webhooks = builder.Configuration.GetSection("PalmKey:Webhooks").Get<PalmKeyOptions.WebhookSettings>() ?? new();
        if (webhooks.Enabled)
        {
            services.AddHostedService(sp => new PeriodicJob("webhook delivery", webhooks.Interval, (s, ct) => s.GetRequiredService<WebhookDispatcher>().RunAsync(ct), sp));
        }


        services.AddAuthentication(PalmKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, PalmKeyAuthenticationHandler>(PalmKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireClaim(Caller.RoleClaim, nameof(CallerRole.Admin)))
            .AddPolicy(Policies.Device, p => p.RequireClaim(Caller.RoleClaim, nameof(CallerRole.Device)))
            .AddPolicy(Policies.Customer, p => p.RequireClaim(Caller.RoleClaim, nameof(CallerRole.Customer)))
            .AddPolicy(Policies.Operator, p => p.RequireClaim(Caller.RoleClaim, nameof(CallerRole.Operator)));
        services.AddRateLimiter(ConfigureRateLimits);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Type is null || !problem.Type.StartsWith(Problems.BaseUri, StringComparison.Ordinal))
            {
                problem.Type = Problems.TypeOf(Problems.SlugForStatus(problem.Status ?? context.HttpContext.Response.StatusCode));
            }

            problem.Detail ??= Problems.DefaultDetail(problem.Status ?? context.HttpContext.Response.StatusCode);
            problem.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<IndexReadyHealthCheck>("palm-index", tags: ["ready"]);
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "PalmKey";
            document.Info.Description = "Tenants, enrollment, identification and the privacy lifecycle. Authenticate with `Authorization: Bearer <key or token>`, or as a device with a request signature (docs/protocol.md); errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Adds the middleware and maps every endpoint: <c>/v1/...</c>, <c>/health/live</c>, <c>/health/ready</c> and <c>/openapi/v1.json</c>.</summary>
    /// <param name="app">The built application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapPalmKeyServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebPages();
        app.Use(SealedBodyMiddleware.MarkSealedAsync);
        app.UseRouting();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<SealedBodyMiddleware>();
        app.UseRateLimiter();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapOperatorApi();
        app.MapAdminApi();
        app.MapEnrollmentApi();
        app.MapIdentificationApi();
        app.MapDeviceActivationApi();
        app.MapSelfServiceApi();
        app.MapCheckoutApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    private static void ConfigureDatabase(PalmKeyOptions options, DbContextOptionsBuilder builder)
    {
        var connectionString = options.Database.ConnectionString;
        if (options.Database.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            Directory.CreateDirectory(options.DataDirectory);
            connectionString = PalmKeyDatabase.SqliteConnectionString(options.DataDirectory);
        }

        PalmKeyDatabase.Configure(builder, options.Database.Provider, connectionString!);
    }

    private static void ConfigureRateLimits(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            await Problems.Create(StatusCodes.Status429TooManyRequests, Problems.RateLimited, "Too many requests", "This client sent too many requests. Slow down and retry after the time in Retry-After.")
                .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
        };
        options.AddPolicy(IdentificationApi.RateLimitPolicy, http =>
        {
            var settings = http.RequestServices.GetRequiredService<IOptions<PalmKeyOptions>>().Value.Identification;
            return RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirstValue(Caller.DeviceClaim) ?? string.Empty,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.Burst,
                    TokensPerPeriod = settings.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
        });
        options.AddPolicy(DeviceActivationApi.ActivationRateLimitPolicy, DeviceActivationApi.ActivationPartition);
        options.AddPolicy(SelfServiceApi.SignInRateLimitPolicy, http =>
        {
            var perMinute = http.RequestServices.GetRequiredService<IOptions<PalmKeyOptions>>().Value.Otp.SignInRequestsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        });
    }
}
