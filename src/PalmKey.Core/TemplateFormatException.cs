namespace PalmKey;

/// <summary>
/// Thrown when bytes given as a palm template are not one this build can use: not a template at all,
/// damaged (wrong length or checksum), of another format version, or made with other algorithm
/// parameters. The message names the problem, for example
/// "Template was made with 8 orientations; this engine uses 6".
/// </summary>
public sealed class TemplateFormatException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public TemplateFormatException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What is wrong with the template.</param>
    public TemplateFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What is wrong with the template.</param>
    /// <param name="innerException">The lower-level error that revealed the problem.</param>
    public TemplateFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
