using Microsoft.EntityFrameworkCore;
using PalmKey.Storage;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Privacy;

/// <summary>Finds a customer of the context's tenant by mobile number, through the keyed look-up hash.</summary>
internal static class CustomerLookup
{
    public static async Task<Customer?> ByPhoneAsync(PalmKeyDbContext db, TenantKeys keys, string e164, CancellationToken cancellationToken)
    {
        // One hash per data key: rows not yet rewritten after a rotation carry an older key's hash.
        foreach (var hash in keys.PhoneHashes(e164))
        {
            var customer = await db.Customers.FirstOrDefaultAsync(c => c.PhoneHash == hash, cancellationToken).ConfigureAwait(false);
            if (customer is not null)
            {
                return customer;
            }
        }

        return null;
    }
}
