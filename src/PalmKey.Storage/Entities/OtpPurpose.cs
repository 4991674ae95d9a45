namespace PalmKey.Storage.Entities;

/// <summary>What a one-time code proves.</summary>
public enum OtpPurpose
{
    /// <summary>That the person enrolling holds the mobile number.</summary>
    Enrollment = 1,

    /// <summary>That a customer signing in to self-service holds the number.</summary>
    SignIn = 2,
}
