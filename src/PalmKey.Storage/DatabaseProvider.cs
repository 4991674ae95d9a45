namespace PalmKey.Storage;

/// <summary>The database engines PalmKey runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>SQLite in a file: the zero-setup default.</summary>
    Sqlite = 1,

    /// <summary>PostgreSQL 15 or later.</summary>
    Postgres = 2,
}
