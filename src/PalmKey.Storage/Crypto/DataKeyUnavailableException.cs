namespace PalmKey.Storage.Crypto;

/// <summary>
/// Thrown when a tenant's data keys cannot be had: the tenant was deleted (its keys shredded), or the
/// keys were wrapped under a master key other than the configured one. The message says which.
/// </summary>
public sealed class DataKeyUnavailableException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public DataKeyUnavailableException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is missing.</param>
    public DataKeyUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What is missing.</param>
    /// <param name="innerException">The cause.</param>
    public DataKeyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
