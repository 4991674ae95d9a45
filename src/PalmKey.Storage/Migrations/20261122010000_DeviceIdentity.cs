using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PalmKey.Storage.Migrations;

/// <summary>
/// Device identity (issue 7): a device holds its own ECDSA P-256 key, registered with a one-time
/// activation code, and signs every request; bearer device keys are retired, so any left are revoked.
/// Each tenant gets an ingestion key pair to which devices seal palm frames. Written by hand and
/// provider-neutral, like the first migration.
/// </summary>
[DbContext(typeof(PalmKeyDbContext))]
[Migration("20261122010000_DeviceIdentity")]
public sealed class DeviceIdentity : Migration
{
    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "ActivatedAt", table: "Devices", nullable: true);
        migrationBuilder.AddColumn<long>(name: "ActivationCodeExpiresAt", table: "Devices", nullable: true);
        migrationBuilder.AddColumn<byte[]>(name: "ActivationCodeHash", table: "Devices", nullable: true);
        migrationBuilder.AddColumn<string>(name: "ActivationCodePrefix", table: "Devices", maxLength: 40, nullable: true);
        migrationBuilder.AddColumn<long>(name: "LastSeenAt", table: "Devices", nullable: true);
        migrationBuilder.AddColumn<byte[]>(name: "PublicKey", table: "Devices", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Devices_ActivationCodePrefix", table: "Devices", column: "ActivationCodePrefix", unique: true);

        migrationBuilder.CreateTable(
            name: "IngestionKeys",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                MasterKeyId = table.Column<string>(maxLength: 40, nullable: false),
                PublicKey = table.Column<byte[]>(nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
                WrappedPrivateKey = table.Column<byte[]>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IngestionKeys", x => x.Id);
                table.ForeignKey(
                    name: "FK_IngestionKeys_Tenants_TenantId",
                    column: x => x.TenantId,
                    principalTable: "Tenants",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_IngestionKeys_TenantId", table: "IngestionKeys", column: "TenantId", unique: true);

        // Bearer device keys no longer authenticate; revoke them so that no row claims otherwise.
        migrationBuilder.Sql("""UPDATE "ApiKeys" SET "RevokedAt" = "CreatedAt" WHERE "Kind" = 'Device' AND "RevokedAt" IS NULL""");
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "IngestionKeys");
        migrationBuilder.DropIndex(name: "IX_Devices_ActivationCodePrefix", table: "Devices");
        migrationBuilder.DropColumn(name: "ActivatedAt", table: "Devices");
        migrationBuilder.DropColumn(name: "ActivationCodeExpiresAt", table: "Devices");
        migrationBuilder.DropColumn(name: "ActivationCodeHash", table: "Devices");
        migrationBuilder.DropColumn(name: "ActivationCodePrefix", table: "Devices");
        migrationBuilder.DropColumn(name: "LastSeenAt", table: "Devices");
        migrationBuilder.DropColumn(name: "PublicKey", table: "Devices");
    }
}
