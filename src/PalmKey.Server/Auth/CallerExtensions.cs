namespace PalmKey.Server.Auth;

internal static class CallerExtensions
{
    /// <summary>The authenticated caller of this request.</summary>
    public static Caller Caller(this HttpContext context) => Auth.Caller.From(context.User);
}
