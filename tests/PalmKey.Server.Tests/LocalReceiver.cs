using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PalmKey.Server.Tests;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, a free port) standing in for a tenant's backend or a
/// ticketing partner: it records every request and answers with what the test says.
/// </summary>
internal sealed class LocalReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalReceiver(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public Func<ReceivedRequest, (int Status, string Body)> Respond { get; set; } = _ => (200, "{}");

    public string Url { get; private set; } = string.Empty;

    public static async Task<LocalReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LocalReceiver(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new ReceivedRequest(
                context.Request.Path,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                await reader.ReadToEndAsync(context.RequestAborted));
            receiver.Received.Enqueue(request);
            var (status, body) = receiver.Respond(request);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body);
}
