using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace PalmKey.Storage.Migrations;

/// <summary>
/// The first schema. Written by hand, provider-neutral: columns name CLR types only, so SQLite and
/// PostgreSQL each pick their own store types, and identity columns carry both providers' annotations
/// (each ignores the other's). Times are Unix milliseconds. The audit table gets triggers that refuse
/// updates and deletes, on both engines.
/// </summary>
[DbContext(typeof(PalmKeyDbContext))]
[Migration("20261121000000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Tenants",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                AcceptedPurposes = table.Column<string>(maxLength: 200, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                DeletionStartedAt = table.Column<long?>(nullable: true),
                DormancyDays = table.Column<int>(nullable: false),
                MaxRetentionDays = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                TargetFpir = table.Column<double>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Tenants", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Sites",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Sites", x => x.Id);
                table.ForeignKey(
                    name: "FK_Sites_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Devices",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                DeactivatedAt = table.Column<long?>(nullable: true),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                SiteId = table.Column<string>(maxLength: 40, nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Devices", x => x.Id);
                table.ForeignKey(
                    name: "FK_Devices_Sites_SiteId",
                    column: x => x.SiteId,
                    principalTable: "Sites",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Devices_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ApiKeys",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                DeviceId = table.Column<string>(maxLength: 40, nullable: true),
                Hash = table.Column<byte[]>(nullable: false),
                Kind = table.Column<string>(maxLength: 16, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Prefix = table.Column<string>(maxLength: 40, nullable: false),
                RevokedAt = table.Column<long?>(nullable: true),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApiKeys", x => x.Id);
                table.ForeignKey(
                    name: "FK_ApiKeys_Devices_DeviceId",
                    column: x => x.DeviceId,
                    principalTable: "Devices",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ApiKeys_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Sequence = table.Column<long>(nullable: false),
                Action = table.Column<string>(maxLength: 80, nullable: false),
                Actor = table.Column<string>(maxLength: 80, nullable: false),
                At = table.Column<long>(nullable: false),
                Detail = table.Column<string>(maxLength: 400, nullable: true),
                Hash = table.Column<byte[]>(nullable: false),
                Subject = table.Column<string>(maxLength: 80, nullable: true),
                TenantId = table.Column<string>(maxLength: 40, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditEntries", x => x.Sequence);
            });

        migrationBuilder.CreateTable(
            name: "Customers",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                CancellationRequestedAt = table.Column<long?>(nullable: true),
                ConsentAcceptedAt = table.Column<long>(nullable: false),
                ConsentVersion = table.Column<string>(maxLength: 40, nullable: false),
                EnrolledAt = table.Column<long>(nullable: false),
                LastIdentifiedAt = table.Column<long?>(nullable: true),
                LastInteractionAt = table.Column<long>(nullable: false),
                PhoneCipher = table.Column<byte[]>(nullable: false),
                PhoneHash = table.Column<byte[]>(nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Customers", x => x.Id);
                table.ForeignKey(
                    name: "FK_Customers_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CustomerSessions",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                CustomerId = table.Column<string>(maxLength: 40, nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
                Prefix = table.Column<string>(maxLength: 40, nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
                TokenHash = table.Column<byte[]>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CustomerSessions", x => x.Id);
                table.ForeignKey(
                    name: "FK_CustomerSessions_Customers_CustomerId",
                    column: x => x.CustomerId,
                    principalTable: "Customers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_CustomerSessions_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "DataKeys",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                IsActive = table.Column<bool>(nullable: false),
                MasterKeyId = table.Column<string>(maxLength: 40, nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
                WrappedKey = table.Column<byte[]>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DataKeys", x => x.Id);
                table.ForeignKey(
                    name: "FK_DataKeys_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "EnrollmentSessions",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                ConsentAcceptedAt = table.Column<long>(nullable: false),
                ConsentVersion = table.Column<string>(maxLength: 40, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                DeviceId = table.Column<string>(maxLength: 40, nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
                OtpChallengeId = table.Column<string>(maxLength: 40, nullable: false),
                PhoneCipher = table.Column<byte[]>(nullable: false),
                PhoneHash = table.Column<byte[]>(nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
                VerifiedAt = table.Column<long?>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EnrollmentSessions", x => x.Id);
                table.ForeignKey(
                    name: "FK_EnrollmentSessions_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "IdempotencyRecords",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Caller = table.Column<string>(maxLength: 80, nullable: false),
                ContentType = table.Column<string>(maxLength: 200, nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
                Key = table.Column<string>(maxLength: 200, nullable: false),
                Location = table.Column<string>(maxLength: 400, nullable: true),
                RequestHash = table.Column<byte[]>(nullable: false),
                ResponseBody = table.Column<byte[]>(nullable: true),
                StatusCode = table.Column<int?>(nullable: true),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IdempotencyRecords", x => x.Id);
                table.ForeignKey(
                    name: "FK_IdempotencyRecords_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "IdentificationAttempts",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                At = table.Column<long>(nullable: false),
                DeviceId = table.Column<string>(maxLength: 40, nullable: false),
                Outcome = table.Column<string>(maxLength: 16, nullable: false),
                Purpose = table.Column<string>(maxLength: 16, nullable: false),
                SiteId = table.Column<string>(maxLength: 40, nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IdentificationAttempts", x => x.Id);
                table.ForeignKey(
                    name: "FK_IdentificationAttempts_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "LinkedAccounts",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                CustomerId = table.Column<string>(maxLength: 40, nullable: false),
                Kind = table.Column<string>(maxLength: 16, nullable: false),
                LinkedAt = table.Column<long>(nullable: false),
                ReferenceCipher = table.Column<byte[]>(nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LinkedAccounts", x => x.Id);
                table.ForeignKey(
                    name: "FK_LinkedAccounts_Customers_CustomerId",
                    column: x => x.CustomerId,
                    principalTable: "Customers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_LinkedAccounts_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "OtpChallenges",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                CodeHash = table.Column<byte[]>(nullable: false),
                ConsumedAt = table.Column<long?>(nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
                FailedAttempts = table.Column<int>(nullable: false),
                KeyId = table.Column<string>(maxLength: 40, nullable: false),
                PhoneHash = table.Column<byte[]>(nullable: false),
                Purpose = table.Column<string>(maxLength: 16, nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OtpChallenges", x => x.Id);
                table.ForeignKey(
                    name: "FK_OtpChallenges_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Palms",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                AlgorithmVersion = table.Column<int>(nullable: false),
                CaptureCount = table.Column<int>(nullable: false),
                CustomerId = table.Column<string>(maxLength: 40, nullable: false),
                EnrolledAt = table.Column<long>(nullable: false),
                Hand = table.Column<string>(maxLength: 16, nullable: false),
                TemplatesCipher = table.Column<byte[]>(nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Palms", x => x.Id);
                table.ForeignKey(
                    name: "FK_Palms_Customers_CustomerId",
                    column: x => x.CustomerId,
                    principalTable: "Customers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Palms_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "UsageEvents",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                At = table.Column<long>(nullable: false),
                CustomerId = table.Column<string>(maxLength: 40, nullable: false),
                DeviceId = table.Column<string>(maxLength: 40, nullable: false),
                Purpose = table.Column<string>(maxLength: 16, nullable: false),
                SiteId = table.Column<string>(maxLength: 40, nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UsageEvents", x => x.Id);
                table.ForeignKey(
                    name: "FK_UsageEvents_Customers_CustomerId",
                    column: x => x.CustomerId,
                    principalTable: "Customers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_UsageEvents_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_Sites_TenantId",
            table: "Sites",
            column: "TenantId");

        migrationBuilder.CreateIndex(
            name: "IX_Devices_SiteId",
            table: "Devices",
            column: "SiteId");

        migrationBuilder.CreateIndex(
            name: "IX_Devices_TenantId",
            table: "Devices",
            column: "TenantId");

        migrationBuilder.CreateIndex(
            name: "IX_ApiKeys_DeviceId",
            table: "ApiKeys",
            column: "DeviceId");

        migrationBuilder.CreateIndex(
            name: "IX_ApiKeys_Prefix",
            table: "ApiKeys",
            column: "Prefix",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ApiKeys_TenantId",
            table: "ApiKeys",
            column: "TenantId");

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_TenantId_Sequence",
            table: "AuditEntries",
            columns: new[] { "TenantId", "Sequence" });

        migrationBuilder.CreateIndex(
            name: "IX_Customers_TenantId_LastInteractionAt",
            table: "Customers",
            columns: new[] { "TenantId", "LastInteractionAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Customers_TenantId_PhoneHash",
            table: "Customers",
            columns: new[] { "TenantId", "PhoneHash" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_CustomerSessions_CustomerId",
            table: "CustomerSessions",
            column: "CustomerId");

        migrationBuilder.CreateIndex(
            name: "IX_CustomerSessions_Prefix",
            table: "CustomerSessions",
            column: "Prefix",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_CustomerSessions_TenantId",
            table: "CustomerSessions",
            column: "TenantId");

        migrationBuilder.CreateIndex(
            name: "IX_DataKeys_TenantId",
            table: "DataKeys",
            column: "TenantId");

        migrationBuilder.CreateIndex(
            name: "IX_EnrollmentSessions_TenantId",
            table: "EnrollmentSessions",
            column: "TenantId");

        migrationBuilder.CreateIndex(
            name: "IX_IdempotencyRecords_TenantId_Caller_Key",
            table: "IdempotencyRecords",
            columns: new[] { "TenantId", "Caller", "Key" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_IdentificationAttempts_TenantId_At",
            table: "IdentificationAttempts",
            columns: new[] { "TenantId", "At" });

        migrationBuilder.CreateIndex(
            name: "IX_LinkedAccounts_CustomerId",
            table: "LinkedAccounts",
            column: "CustomerId");

        migrationBuilder.CreateIndex(
            name: "IX_LinkedAccounts_TenantId",
            table: "LinkedAccounts",
            column: "TenantId");

        migrationBuilder.CreateIndex(
            name: "IX_OtpChallenges_TenantId_PhoneHash",
            table: "OtpChallenges",
            columns: new[] { "TenantId", "PhoneHash" });

        migrationBuilder.CreateIndex(
            name: "IX_Palms_CustomerId_Hand",
            table: "Palms",
            columns: new[] { "CustomerId", "Hand" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Palms_TenantId",
            table: "Palms",
            column: "TenantId");

        migrationBuilder.CreateIndex(
            name: "IX_UsageEvents_CustomerId",
            table: "UsageEvents",
            column: "CustomerId");

        migrationBuilder.CreateIndex(
            name: "IX_UsageEvents_TenantId",
            table: "UsageEvents",
            column: "TenantId");
        AuditAppendOnly.Create(migrationBuilder);
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        AuditAppendOnly.Drop(migrationBuilder);

        migrationBuilder.DropTable(name: "UsageEvents");

        migrationBuilder.DropTable(name: "Palms");

        migrationBuilder.DropTable(name: "OtpChallenges");

        migrationBuilder.DropTable(name: "LinkedAccounts");

        migrationBuilder.DropTable(name: "IdentificationAttempts");

        migrationBuilder.DropTable(name: "IdempotencyRecords");

        migrationBuilder.DropTable(name: "EnrollmentSessions");

        migrationBuilder.DropTable(name: "DataKeys");

        migrationBuilder.DropTable(name: "CustomerSessions");

        migrationBuilder.DropTable(name: "Customers");

        migrationBuilder.DropTable(name: "AuditEntries");

        migrationBuilder.DropTable(name: "ApiKeys");

        migrationBuilder.DropTable(name: "Devices");

        migrationBuilder.DropTable(name: "Sites");

        migrationBuilder.DropTable(name: "Tenants");
    }
}
