namespace PalmKey.Server.Enrollment;

/// <summary>The states an enrollment passes through, as the API names them.</summary>
internal static class EnrollmentStatus
{
    public const string AwaitingVerification = "awaiting-verification";
    public const string Verified = "verified";
}
