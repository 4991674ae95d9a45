using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PalmKey.Storage;

/// <summary>
/// Stores times as Unix milliseconds (UTC): one integer type that SQLite and PostgreSQL both compare
/// and order in SQL, so retention queries run in the database on either.
/// </summary>
internal sealed class UnixMillisecondsConverter : ValueConverter<DateTimeOffset, long>
{
    public UnixMillisecondsConverter()
        : base(value => value.ToUnixTimeMilliseconds(), value => DateTimeOffset.FromUnixTimeMilliseconds(value))
    {
    }
}
