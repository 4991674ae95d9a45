using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PalmKey.Storage.Entities;

namespace PalmKey.Storage;

/// <summary>
/// The PalmKey database. Every tenant-owned row is filtered by the <see cref="TenantScope"/> of the
/// unit of work: a tenant scope sees only its own rows, an empty scope sees none, and only the system
/// scope sees all. Saving a row of another tenant throws. Not thread-safe, like every DbContext.
/// </summary>
public sealed class PalmKeyDbContext : DbContext
{
    private const int IdLength = 40;
    private const string CustomerIdColumn = "CustomerId";
    private readonly TenantScope _scope;

    /// <summary>Creates a context for one unit of work.</summary>
    /// <param name="options">Provider and connection.</param>
    /// <param name="scope">Whose rows the unit of work may see.</param>
    public PalmKeyDbContext(DbContextOptions<PalmKeyDbContext> options, TenantScope scope)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(scope);
        _scope = scope;
    }

    /// <summary>The scope this context filters by.</summary>
    public TenantScope Scope => _scope;

    /// <summary>Tenants (the caller's own, or all in the system scope).</summary>
    public DbSet<Tenant> Tenants => Set<Tenant>();

    /// <summary>Wrapped data keys.</summary>
    public DbSet<TenantDataKey> DataKeys => Set<TenantDataKey>();

    /// <summary>Ingestion key pairs, the private halves wrapped.</summary>
    public DbSet<IngestionKey> IngestionKeys => Set<IngestionKey>();

    /// <summary>Admin API keys (hashes).</summary>
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    /// <summary>Sites.</summary>
    public DbSet<Site> Sites => Set<Site>();

    /// <summary>Devices.</summary>
    public DbSet<Device> Devices => Set<Device>();

    /// <summary>Customers.</summary>
    public DbSet<Customer> Customers => Set<Customer>();

    /// <summary>Enrolled palms (encrypted templates).</summary>
    public DbSet<Palm> Palms => Set<Palm>();

    /// <summary>Linked accounts.</summary>
    public DbSet<LinkedAccount> LinkedAccounts => Set<LinkedAccount>();

    /// <summary>Customers' payment cards (gateway tokens, never numbers).</summary>
    public DbSet<PaymentCard> PaymentCards => Set<PaymentCard>();

    /// <summary>Checkout payments.</summary>
    public DbSet<Payment> Payments => Set<Payment>();

    /// <summary>Webhook events and their delivery log.</summary>
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>Customers' usage history.</summary>
    public DbSet<UsageEvent> UsageEvents => Set<UsageEvent>();

    /// <summary>The tenant-level identification log.</summary>
    public DbSet<IdentificationAttempt> IdentificationAttempts => Set<IdentificationAttempt>();

    /// <summary>Enrollments in progress.</summary>
    public DbSet<EnrollmentSession> EnrollmentSessions => Set<EnrollmentSession>();

    /// <summary>One-time codes (hashes).</summary>
    public DbSet<OtpChallenge> OtpChallenges => Set<OtpChallenge>();

    /// <summary>Self-service sessions (token hashes).</summary>
    public DbSet<CustomerSession> CustomerSessions => Set<CustomerSession>();

    /// <summary>Stored outcomes of idempotent commands.</summary>
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>The audit chain.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    // Read by the query filters: EF evaluates these per query, so one cached model serves every scope.
    internal string? CurrentTenantId => _scope.TenantId;

    internal bool IsSystemScope => _scope.IsSystem;

    /// <inheritdoc/>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CheckTenantOfChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc/>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CheckTenantOfChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <inheritdoc/>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>(entity =>
        {
            entity.Property(e => e.Id).HasMaxLength(IdLength);
            entity.Property(e => e.Name).HasMaxLength(200);
            entity.Property(e => e.AcceptedPurposes).HasMaxLength(200);
            entity.Property(e => e.Currency).HasMaxLength(3);
            entity.Property(e => e.WebhookUrl).HasMaxLength(400);
            entity.Property(e => e.TicketingUrl).HasMaxLength(400);
            entity.HasQueryFilter(e => IsSystemScope || e.Id == CurrentTenantId);
        });

        modelBuilder.Entity<TenantDataKey>(entity =>
        {
            OwnedByTenant(entity);
            entity.Property(e => e.MasterKeyId).HasMaxLength(IdLength);
        });

        modelBuilder.Entity<ApiKey>(entity =>
        {
            OwnedByTenant(entity);
            entity.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
            entity.Property(e => e.DeviceId).HasMaxLength(IdLength);
            entity.Property(e => e.Prefix).HasMaxLength(IdLength);
            entity.Property(e => e.Name).HasMaxLength(200);
            entity.HasIndex(e => e.Prefix).IsUnique();
            entity.HasOne<Device>().WithMany().HasForeignKey(e => e.DeviceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Site>(entity =>
        {
            OwnedByTenant(entity);
            entity.Property(e => e.Name).HasMaxLength(200);
        });

        modelBuilder.Entity<Device>(entity =>
        {
            OwnedByTenant(entity);
            entity.Property(e => e.SiteId).HasMaxLength(IdLength);
            entity.Property(e => e.Name).HasMaxLength(200);
            entity.HasOne<Site>().WithMany().HasForeignKey(e => e.SiteId).OnDelete(DeleteBehavior.Restrict);
            entity.Property(e => e.ActivationCodePrefix).HasMaxLength(IdLength);
            entity.HasIndex(e => e.ActivationCodePrefix).IsUnique();
        });

        modelBuilder.Entity<IngestionKey>(entity =>
        {
            OwnedByTenant(entity);
            entity.Property(e => e.MasterKeyId).HasMaxLength(IdLength);
            entity.HasIndex(e => e.TenantId).IsUnique();
        });

        modelBuilder.Entity<Customer>(entity =>
        {
            OwnedByTenant(entity);
            entity.Property(e => e.ConsentVersion).HasMaxLength(IdLength);
            entity.HasIndex(e => new { e.TenantId, e.PhoneHash }).IsUnique();
            entity.HasIndex(e => new { e.TenantId, e.LastInteractionAt });
        });

        modelBuilder.Entity<Palm>(entity =>
        {
            OwnedByTenant(entity);
            OwnedByCustomer(entity);
            entity.Property(e => e.Hand).HasConversion<string>().HasMaxLength(16);
            entity.HasIndex(e => new { e.CustomerId, e.Hand }).IsUnique();
        });

        modelBuilder.Entity<LinkedAccount>(entity =>
        {
            OwnedByTenant(entity);
            OwnedByCustomer(entity);
            entity.Property(e => e.Kind).HasMaxLength(16);
        });

        modelBuilder.Entity<PaymentCard>(entity =>
        {
            OwnedByTenant(entity);
            OwnedByCustomer(entity);
            entity.Property(e => e.Brand).HasMaxLength(16);
            entity.Property(e => e.Last4).HasMaxLength(4);
        });

        modelBuilder.Entity<Payment>(entity =>
        {
            OwnedByTenant(entity);
            OwnedByCustomer(entity);
            entity.Property(e => e.CardId).HasMaxLength(IdLength);
            entity.Property(e => e.CardBrand).HasMaxLength(16);
            entity.Property(e => e.CardLast4).HasMaxLength(4);
            entity.Property(e => e.SiteId).HasMaxLength(IdLength);
            entity.Property(e => e.DeviceId).HasMaxLength(IdLength);
            entity.Property(e => e.OrderReference).HasMaxLength(100);
            entity.Property(e => e.Currency).HasMaxLength(3);
            entity.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
            entity.Property(e => e.AuthorizationId).HasMaxLength(80);
            entity.Property(e => e.RefundId).HasMaxLength(80);
            entity.Property(e => e.DeclineCode).HasMaxLength(40);
            entity.HasIndex(e => new { e.TenantId, e.OrderReference, e.Attempt }).IsUnique();
            entity.HasIndex(e => new { e.TenantId, e.Status });
        });

        modelBuilder.Entity<WebhookDelivery>(entity =>
        {
            OwnedByTenant(entity);
            entity.Property(e => e.EventType).HasMaxLength(40);
            entity.Property(e => e.Url).HasMaxLength(400);
            entity.Property(e => e.Status).HasMaxLength(16);
            entity.Property(e => e.LastError).HasMaxLength(400);
            entity.HasIndex(e => new { e.Status, e.NextAttemptAt });
        });

        modelBuilder.Entity<UsageEvent>(entity =>
        {
            OwnedByTenant(entity);
            OwnedByCustomer(entity);
            entity.Property(e => e.SiteId).HasMaxLength(IdLength);
            entity.Property(e => e.DeviceId).HasMaxLength(IdLength);
            entity.Property(e => e.Purpose).HasMaxLength(16);
        });

        modelBuilder.Entity<IdentificationAttempt>(entity =>
        {
            OwnedByTenant(entity);
            entity.Property(e => e.SiteId).HasMaxLength(IdLength);
            entity.Property(e => e.DeviceId).HasMaxLength(IdLength);
            entity.Property(e => e.Purpose).HasMaxLength(16);
            entity.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
            entity.HasIndex(e => new { e.TenantId, e.At });
        });

        modelBuilder.Entity<EnrollmentSession>(entity =>
        {
            OwnedByTenant(entity);
            entity.Property(e => e.DeviceId).HasMaxLength(IdLength);
            entity.Property(e => e.ConsentVersion).HasMaxLength(IdLength);
            entity.Property(e => e.OtpChallengeId).HasMaxLength(IdLength);
            entity.Property(e => e.CardBrand).HasMaxLength(16);
            entity.Property(e => e.CardLast4).HasMaxLength(4);
        });

        modelBuilder.Entity<OtpChallenge>(entity =>
        {
            OwnedByTenant(entity);
            entity.Property(e => e.Purpose).HasConversion<string>().HasMaxLength(16);
            entity.Property(e => e.KeyId).HasMaxLength(IdLength);
            entity.HasIndex(e => new { e.TenantId, e.PhoneHash });
        });

        modelBuilder.Entity<CustomerSession>(entity =>
        {
            OwnedByTenant(entity);
            OwnedByCustomer(entity);
            entity.Property(e => e.Prefix).HasMaxLength(IdLength);
            entity.HasIndex(e => e.Prefix).IsUnique();
        });

        modelBuilder.Entity<IdempotencyRecord>(entity =>
        {
            OwnedByTenant(entity);
            entity.Property(e => e.Caller).HasMaxLength(80);
            entity.Property(e => e.Key).HasMaxLength(200);
            entity.Property(e => e.ContentType).HasMaxLength(200);
            entity.Property(e => e.Location).HasMaxLength(400);
            entity.HasIndex(e => new { e.TenantId, e.Caller, e.Key }).IsUnique();
        });

        modelBuilder.Entity<AuditEntry>(entity =>
        {
            entity.HasKey(e => e.Sequence);
            entity.Property(e => e.Sequence).ValueGeneratedNever();
            entity.Property(e => e.TenantId).HasMaxLength(IdLength);
            entity.Property(e => e.Actor).HasMaxLength(80);
            entity.Property(e => e.Action).HasMaxLength(80);
            entity.Property(e => e.Subject).HasMaxLength(80);
            entity.Property(e => e.Detail).HasMaxLength(400);
            entity.HasIndex(e => new { e.TenantId, e.Sequence });
            entity.HasQueryFilter(e => IsSystemScope || e.TenantId == CurrentTenantId);
        });
    }

    private void OwnedByTenant<T>(EntityTypeBuilder<T> entity)
        where T : class, ITenantOwned
    {
        if (entity.Metadata.FindProperty("Id")?.ClrType == typeof(string))
        {
            entity.Property<string>("Id").HasMaxLength(IdLength);
        }

        entity.Property(e => e.TenantId).HasMaxLength(IdLength);
        entity.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
        entity.HasQueryFilter(e => IsSystemScope || e.TenantId == CurrentTenantId);
    }

    private static void OwnedByCustomer<T>(EntityTypeBuilder<T> entity)
        where T : class
    {
        entity.Property<string>(CustomerIdColumn).HasMaxLength(IdLength);
        entity.HasOne<Customer>().WithMany().HasForeignKey(CustomerIdColumn).OnDelete(DeleteBehavior.Cascade);
    }

    private void CheckTenantOfChanges()
    {
        if (IsSystemScope)
        {
            return;
        }

        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var owner = entry.Entity switch
            {
                ITenantOwned owned => owned.TenantId,
                Tenant tenant => tenant.Id,
                AuditEntry audit => audit.TenantId,
                _ => null,
            };
            if (CurrentTenantId is null || owner != CurrentTenantId)
            {
                throw new InvalidOperationException(
                    $"A {entry.Metadata.ClrType.Name} of another tenant cannot be saved in this scope.");
            }
        }
    }
}
