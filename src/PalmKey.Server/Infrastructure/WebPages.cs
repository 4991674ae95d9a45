using Microsoft.Extensions.FileProviders;

namespace PalmKey.Server.Infrastructure;

/// <summary>
/// The kiosk, the customer portal and the console: static pages embedded in the server (wwwroot),
/// served at <c>/kiosk/</c>, <c>/portal/</c> and <c>/console/</c> with no third-party origin
/// allowed, so that they work offline and nothing is loaded from a CDN.
/// </summary>
internal static class WebPages
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IApplicationBuilder UseWebPages(this IApplicationBuilder app)
    {
        var pages = new ManifestEmbeddedFileProvider(typeof(WebPages).Assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = pages });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = pages,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }
}
