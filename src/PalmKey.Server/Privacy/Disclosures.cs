using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Privacy;

/// <summary>
/// Builds the disclosure of a tenant: what is collected, for which purposes, how long it is kept, the
/// right to delete, no advertising use, and no pairing with face recognition. Its version is the text
/// edition and a hash of the text, so a change of the tenant's purposes or retention makes a new version
/// that customers must accept anew.
/// </summary>
internal static class Disclosures
{
    public const string Edition = "2026-11";

    public static Disclosure For(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var purposes = Purposes.Parse(tenant.AcceptedPurposes);
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            {tenant.Name} uses PalmKey to recognize you by the palm of your hand.

            What is collected: a template of each palm you enroll, computed from images taken at enrollment. The images themselves are never stored. We also keep your mobile number, to verify it is yours and to let you manage your data, and a history of when, where and for what your palm was used.

            What it is used for: only {string.Join(", ", purposes)} at {tenant.Name}. Your palm data is never used for advertising, never sold, and never shared with other businesses or third parties. Another business that uses PalmKey cannot recognize you with it.

            No face recognition: your palm data is never combined or linked with face recognition.

            How long it is kept: if your palm is not used for {tenant.DormancyDays} days, your account and all its data are deleted. In any case everything is deleted {tenant.MaxRetentionDays} days after your last interaction with {tenant.Name}.

            Your rights: sign in with your mobile number to see everything held about you, export it, delete your palm data at any time (it is deleted at once), or close your account.
            """);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var version = $"{Edition}.{Convert.ToHexStringLower(hash.AsSpan(0, 4))}";
        return new Disclosure(version, text, purposes, tenant.DormancyDays, tenant.MaxRetentionDays);
    }
}
