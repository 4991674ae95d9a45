namespace PalmKey;

/// <summary>
/// Thrown by <see cref="ImageCodec"/> for any input it cannot decode: an unknown format, a corrupt or
/// truncated file, an unsupported variant of a known format, or an image over the size limits.
/// The message names the format and the problem, for example "PNG: chunk IDAT CRC mismatch".
/// </summary>
public sealed class ImageFormatException : Exception
{
    /// <summary>Creates an exception with no message and no format.</summary>
    public ImageFormatException()
    {
    }

    /// <summary>Creates an exception with the given message and no format.</summary>
    /// <param name="message">What is wrong with the input.</param>
    public ImageFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause, and no format.</summary>
    /// <param name="message">What is wrong with the input.</param>
    /// <param name="innerException">The lower-level error that revealed the problem.</param>
    public ImageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private ImageFormatException(string format, string problem, Exception? innerException)
        : base($"{format}: {problem}", innerException)
    {
        Format = format;
    }

    /// <summary>
    /// The format the input was recognized as ("BMP", "PNG", "PGM", "PPM" or "JPEG"),
    /// or null where the format could not be recognized.
    /// </summary>
    public string? Format { get; }

    /// <summary>Creates an exception whose message is "<paramref name="format"/>: <paramref name="problem"/>".</summary>
    internal static ImageFormatException For(string format, string problem, Exception? innerException = null) =>
        new(format, problem, innerException);
}
