using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace PalmKey.Storage.Migrations;

/// <summary>
/// The model as of the latest migration, provider-neutral like the migrations: properties carry their
/// stored CLR types (times as Unix milliseconds, enums as text) and no store types. A test checks that
/// the model has no changes pending against it, on SQLite and on PostgreSQL.
/// </summary>
[DbContext(typeof(PalmKeyDbContext))]
internal sealed class PalmKeyDbContextModelSnapshot : ModelSnapshot
{
    /// <inheritdoc/>
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

        modelBuilder.Entity("PalmKey.Storage.Entities.ApiKey", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<long>("CreatedAt");

            b.Property<string>("DeviceId").HasMaxLength(40);

            b.Property<byte[]>("Hash").IsRequired();

            b.Property<string>("Kind").IsRequired().HasMaxLength(16);

            b.Property<string>("Name").IsRequired().HasMaxLength(200);

            b.Property<string>("Prefix").IsRequired().HasMaxLength(40);

            b.Property<long?>("RevokedAt");

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.HasKey("Id");

            b.HasIndex("DeviceId");

            b.HasIndex("Prefix").IsUnique();

            b.HasIndex("TenantId");

            b.ToTable("ApiKeys");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.AuditEntry", b =>
        {
            b.Property<long>("Sequence");

            b.Property<string>("Action").IsRequired().HasMaxLength(80);

            b.Property<string>("Actor").IsRequired().HasMaxLength(80);

            b.Property<long>("At");

            b.Property<string>("Detail").HasMaxLength(400);

            b.Property<byte[]>("Hash").IsRequired();

            b.Property<string>("Subject").HasMaxLength(80);

            b.Property<string>("TenantId").HasMaxLength(40);

            b.HasKey("Sequence");

            b.HasIndex("TenantId", "Sequence");

            b.ToTable("AuditEntries");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.Customer", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<long?>("CancellationRequestedAt");

            b.Property<long>("ConsentAcceptedAt");

            b.Property<string>("ConsentVersion").IsRequired().HasMaxLength(40);

            b.Property<long>("EnrolledAt");

            b.Property<long?>("LastIdentifiedAt");

            b.Property<long>("LastInteractionAt");

            b.Property<byte[]>("PhoneCipher").IsRequired();

            b.Property<byte[]>("PhoneHash").IsRequired();

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.Property<long>("PromotionCreditMinor");

            b.HasKey("Id");

            b.HasIndex("TenantId", "LastInteractionAt");

            b.HasIndex("TenantId", "PhoneHash").IsUnique();

            b.ToTable("Customers");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.CustomerSession", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<long>("CreatedAt");

            b.Property<string>("CustomerId").IsRequired().HasMaxLength(40);

            b.Property<long>("ExpiresAt");

            b.Property<string>("Prefix").IsRequired().HasMaxLength(40);

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.Property<byte[]>("TokenHash").IsRequired();

            b.HasKey("Id");

            b.HasIndex("CustomerId");

            b.HasIndex("Prefix").IsUnique();

            b.HasIndex("TenantId");

            b.ToTable("CustomerSessions");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.Device", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<long>("CreatedAt");

            b.Property<long?>("ActivatedAt");

            b.Property<long?>("ActivationCodeExpiresAt");

            b.Property<byte[]>("ActivationCodeHash");

            b.Property<string>("ActivationCodePrefix").HasMaxLength(40);

            b.Property<long?>("DeactivatedAt");

            b.Property<long?>("LastSeenAt");

            b.Property<string>("Name").IsRequired().HasMaxLength(200);

            b.Property<byte[]>("PublicKey");

            b.Property<string>("SiteId").IsRequired().HasMaxLength(40);

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.HasKey("Id");

            b.HasIndex("ActivationCodePrefix").IsUnique();

            b.HasIndex("SiteId");

            b.HasIndex("TenantId");

            b.ToTable("Devices");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.IngestionKey", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<long>("CreatedAt");

            b.Property<string>("MasterKeyId").IsRequired().HasMaxLength(40);

            b.Property<byte[]>("PublicKey").IsRequired();

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.Property<byte[]>("WrappedPrivateKey").IsRequired();

            b.HasKey("Id");

            b.HasIndex("TenantId").IsUnique();

            b.ToTable("IngestionKeys");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.EnrollmentSession", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<long>("ConsentAcceptedAt");

            b.Property<string>("ConsentVersion").IsRequired().HasMaxLength(40);

            b.Property<long>("CreatedAt");

            b.Property<string>("DeviceId").IsRequired().HasMaxLength(40);

            b.Property<long>("ExpiresAt");

            b.Property<string>("OtpChallengeId").IsRequired().HasMaxLength(40);

            b.Property<byte[]>("PhoneCipher").IsRequired();

            b.Property<byte[]>("PhoneHash").IsRequired();

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.Property<long?>("VerifiedAt");

            b.Property<string>("CardBrand").HasMaxLength(16);

            b.Property<int?>("CardExpiryMonth");

            b.Property<int?>("CardExpiryYear");

            b.Property<string>("CardLast4").HasMaxLength(4);

            b.Property<byte[]>("CardTokenCipher");

            b.HasKey("Id");

            b.HasIndex("TenantId");

            b.ToTable("EnrollmentSessions");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.IdempotencyRecord", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            b.Property<long>("Id").HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            b.Property<string>("Caller").IsRequired().HasMaxLength(80);

            b.Property<string>("ContentType").HasMaxLength(200);

            b.Property<long>("CreatedAt");

            b.Property<long>("ExpiresAt");

            b.Property<string>("Key").IsRequired().HasMaxLength(200);

            b.Property<string>("Location").HasMaxLength(400);

            b.Property<byte[]>("RequestHash").IsRequired();

            b.Property<byte[]>("ResponseBody");

            b.Property<int?>("StatusCode");

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.HasKey("Id");

            b.HasIndex("TenantId", "Caller", "Key").IsUnique();

            b.ToTable("IdempotencyRecords");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.IdentificationAttempt", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            b.Property<long>("Id").HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            b.Property<long>("At");

            b.Property<string>("DeviceId").IsRequired().HasMaxLength(40);

            b.Property<string>("Outcome").IsRequired().HasMaxLength(16);

            b.Property<string>("Purpose").IsRequired().HasMaxLength(16);

            b.Property<string>("SiteId").IsRequired().HasMaxLength(40);

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.HasKey("Id");

            b.HasIndex("TenantId", "At");

            b.ToTable("IdentificationAttempts");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.LinkedAccount", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<string>("CustomerId").IsRequired().HasMaxLength(40);

            b.Property<string>("Kind").IsRequired().HasMaxLength(16);

            b.Property<long>("LinkedAt");

            b.Property<byte[]>("ReferenceCipher").IsRequired();

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.HasKey("Id");

            b.HasIndex("CustomerId");

            b.HasIndex("TenantId");

            b.ToTable("LinkedAccounts");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.OtpChallenge", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<byte[]>("CodeHash").IsRequired();

            b.Property<long?>("ConsumedAt");

            b.Property<long>("CreatedAt");

            b.Property<long>("ExpiresAt");

            b.Property<int>("FailedAttempts");

            b.Property<string>("KeyId").IsRequired().HasMaxLength(40);

            b.Property<byte[]>("PhoneHash").IsRequired();

            b.Property<string>("Purpose").IsRequired().HasMaxLength(16);

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.HasKey("Id");

            b.HasIndex("TenantId", "PhoneHash");

            b.ToTable("OtpChallenges");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.Palm", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<int>("AlgorithmVersion");

            b.Property<int>("CaptureCount");

            b.Property<string>("CustomerId").IsRequired().HasMaxLength(40);

            b.Property<long>("EnrolledAt");

            b.Property<string>("Hand").IsRequired().HasMaxLength(16);

            b.Property<byte[]>("TemplatesCipher").IsRequired();

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.HasKey("Id");

            b.HasIndex("CustomerId", "Hand").IsUnique();

            b.HasIndex("TenantId");

            b.ToTable("Palms");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.Payment", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<long>("AmountMinor");

            b.Property<int>("Attempt");

            b.Property<string>("AuthorizationId").HasMaxLength(80);

            b.Property<string>("CardBrand").HasMaxLength(16);

            b.Property<string>("CardId").HasMaxLength(40);

            b.Property<string>("CardLast4").HasMaxLength(4);

            b.Property<long>("ChargedMinor");

            b.Property<long>("CreatedAt");

            b.Property<long>("CreditMinor");

            b.Property<string>("Currency").IsRequired().HasMaxLength(3);

            b.Property<string>("CustomerId").IsRequired().HasMaxLength(40);

            b.Property<string>("DeclineCode").HasMaxLength(40);

            b.Property<string>("DeviceId").IsRequired().HasMaxLength(40);

            b.Property<string>("OrderReference").IsRequired().HasMaxLength(100);

            b.Property<string>("RefundId").HasMaxLength(80);

            b.Property<string>("SiteId").IsRequired().HasMaxLength(40);

            b.Property<string>("Status").IsRequired().HasMaxLength(16);

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.Property<long>("UpdatedAt");

            b.HasKey("Id");

            b.HasIndex("CustomerId");

            b.HasIndex("TenantId", "Status");

            b.HasIndex("TenantId", "OrderReference", "Attempt").IsUnique();

            b.ToTable("Payments");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.PaymentCard", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<long>("AddedAt");

            b.Property<string>("Brand").IsRequired().HasMaxLength(16);

            b.Property<string>("CustomerId").IsRequired().HasMaxLength(40);

            b.Property<int>("ExpiryMonth");

            b.Property<int>("ExpiryYear");

            b.Property<string>("Last4").IsRequired().HasMaxLength(4);

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.Property<byte[]>("TokenCipher").IsRequired();

            b.HasKey("Id");

            b.HasIndex("CustomerId");

            b.HasIndex("TenantId");

            b.ToTable("PaymentCards");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.WebhookDelivery", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<int>("Attempts");

            b.Property<string>("Body").IsRequired();

            b.Property<long>("CreatedAt");

            b.Property<long?>("DeliveredAt");

            b.Property<string>("EventType").IsRequired().HasMaxLength(40);

            b.Property<string>("LastError").HasMaxLength(400);

            b.Property<int?>("LastStatusCode");

            b.Property<long>("NextAttemptAt");

            b.Property<string>("Status").IsRequired().HasMaxLength(16);

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.Property<string>("Url").IsRequired().HasMaxLength(400);

            b.HasKey("Id");

            b.HasIndex("TenantId");

            b.HasIndex("Status", "NextAttemptAt");

            b.ToTable("WebhookDeliveries");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.Site", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<long>("CreatedAt");

            b.Property<string>("Name").IsRequired().HasMaxLength(200);

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.HasKey("Id");

            b.HasIndex("TenantId");

            b.ToTable("Sites");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.Tenant", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<string>("AcceptedPurposes").IsRequired().HasMaxLength(200);

            b.Property<long>("CreatedAt");

            b.Property<long?>("DeletionStartedAt");

            b.Property<int>("DormancyDays");

            b.Property<int>("MaxRetentionDays");

            b.Property<string>("Name").IsRequired().HasMaxLength(200);

            b.Property<double>("TargetFpir");

            b.Property<string>("Currency").IsRequired().HasMaxLength(3);

            b.Property<long>("EnrollmentCreditMinor");

            b.Property<string>("TicketingUrl").HasMaxLength(400);

            b.Property<byte[]>("WebhookSecretCipher");

            b.Property<string>("WebhookUrl").HasMaxLength(400);

            b.HasKey("Id");

            b.ToTable("Tenants");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.TenantDataKey", b =>
        {
            b.Property<string>("Id").HasMaxLength(40);

            b.Property<long>("CreatedAt");

            b.Property<bool>("IsActive");

            b.Property<string>("MasterKeyId").IsRequired().HasMaxLength(40);

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.Property<byte[]>("WrappedKey").IsRequired();

            b.HasKey("Id");

            b.HasIndex("TenantId");

            b.ToTable("DataKeys");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.UsageEvent", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            b.Property<long>("Id").HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            b.Property<long>("At");

            b.Property<string>("CustomerId").IsRequired().HasMaxLength(40);

            b.Property<string>("DeviceId").IsRequired().HasMaxLength(40);

            b.Property<string>("Purpose").IsRequired().HasMaxLength(16);

            b.Property<string>("SiteId").IsRequired().HasMaxLength(40);

            b.Property<string>("TenantId").IsRequired().HasMaxLength(40);

            b.HasKey("Id");

            b.HasIndex("CustomerId");

            b.HasIndex("TenantId");

            b.ToTable("UsageEvents");
        });

        modelBuilder.Entity("PalmKey.Storage.Entities.ApiKey", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Device", null)
                .WithMany()
                .HasForeignKey("DeviceId")
                .OnDelete(DeleteBehavior.Cascade);

            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.Customer", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.CustomerSession", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Customer", null)
                .WithMany()
                .HasForeignKey("CustomerId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.Device", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Site", null)
                .WithMany()
                .HasForeignKey("SiteId")
                .OnDelete(DeleteBehavior.Restrict)
                .IsRequired();

            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.IngestionKey", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.EnrollmentSession", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.IdempotencyRecord", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.IdentificationAttempt", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.LinkedAccount", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Customer", null)
                .WithMany()
                .HasForeignKey("CustomerId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.OtpChallenge", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.Palm", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Customer", null)
                .WithMany()
                .HasForeignKey("CustomerId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.Site", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.TenantDataKey", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.UsageEvent", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Customer", null)
                .WithMany()
                .HasForeignKey("CustomerId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.Payment", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Customer", null)
                .WithMany()
                .HasForeignKey("CustomerId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.PaymentCard", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Customer", null)
                .WithMany()
                .HasForeignKey("CustomerId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });

        modelBuilder.Entity("PalmKey.Storage.Entities.WebhookDelivery", b =>
        {
            b.HasOne("PalmKey.Storage.Entities.Tenant", null)
                .WithMany()
                .HasForeignKey("TenantId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();

        });
    }
}
