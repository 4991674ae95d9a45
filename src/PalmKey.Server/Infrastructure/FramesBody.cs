namespace PalmKey.Server.Infrastructure;

/// <summary>Endpoint metadata: the body carries palm frames and may be as large as <c>PalmKey:Limits:FramesBodyBytes</c>.</summary>
internal sealed class FramesBody
{
    public static FramesBody Instance { get; } = new();
}
