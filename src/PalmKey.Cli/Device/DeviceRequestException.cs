namespace PalmKey.Cli.Device;

/// <summary>The server refused a device's request; the message is the problem's detail where there is one.</summary>
internal sealed class DeviceRequestException : Exception
{
    public DeviceRequestException(int status, string body)
        : base(Describe(status, body))
    {
        Status = status;
        Body = body;
    }

    public DeviceRequestException()
    {
        Body = string.Empty;
    }

    public DeviceRequestException(string message)
        : base(message)
    {
        Body = string.Empty;
    }

    public DeviceRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Body = string.Empty;
    }

    public int Status { get; }

    public string Body { get; }

    private static string Describe(int status, string body)
    {
        try
        {
            using var problem = System.Text.Json.JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && problem.RootElement.TryGetProperty("detail", out var detail))
            {
                var type = problem.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
                return $"{status}: {detail.GetString()} ({type})";
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not problem details; show the status alone.
        }

        return $"the server answered {status}.";
    }
}
