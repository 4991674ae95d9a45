using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PalmKey.Storage.Migrations;

/// <summary>
/// Payments, cards and webhooks: card tokens (never numbers) and payments per customer, the webhook
/// delivery log, the tenant's currency, enrollment credit and integration endpoints, and a card held
/// by an enrollment in progress. Written by hand, provider-neutral like the first schema.
/// </summary>
[DbContext(typeof(PalmKeyDbContext))]
[Migration("20261122020000_Payments")]
public sealed class Payments : Migration
{
    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Currency", table: "Tenants", maxLength: 3, nullable: false, defaultValue: "USD");
        migrationBuilder.AddColumn<long>(name: "EnrollmentCreditMinor", table: "Tenants", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<string>(name: "WebhookUrl", table: "Tenants", maxLength: 400, nullable: true);
        migrationBuilder.AddColumn<byte[]>(name: "WebhookSecretCipher", table: "Tenants", nullable: true);
        migrationBuilder.AddColumn<string>(name: "TicketingUrl", table: "Tenants", maxLength: 400, nullable: true);
        migrationBuilder.AddColumn<long>(name: "PromotionCreditMinor", table: "Customers", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<byte[]>(name: "CardTokenCipher", table: "EnrollmentSessions", nullable: true);
        migrationBuilder.AddColumn<string>(name: "CardBrand", table: "EnrollmentSessions", maxLength: 16, nullable: true);
        migrationBuilder.AddColumn<string>(name: "CardLast4", table: "EnrollmentSessions", maxLength: 4, nullable: true);
        migrationBuilder.AddColumn<int>(name: "CardExpiryMonth", table: "EnrollmentSessions", nullable: true);
        migrationBuilder.AddColumn<int>(name: "CardExpiryYear", table: "EnrollmentSessions", nullable: true);

        migrationBuilder.CreateTable(
            name: "PaymentCards",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                AddedAt = table.Column<long>(nullable: false),
                Brand = table.Column<string>(maxLength: 16, nullable: false),
                CustomerId = table.Column<string>(maxLength: 40, nullable: false),
                ExpiryMonth = table.Column<int>(nullable: false),
                ExpiryYear = table.Column<int>(nullable: false),
                Last4 = table.Column<string>(maxLength: 4, nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
                TokenCipher = table.Column<byte[]>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PaymentCards", x => x.Id);
                table.ForeignKey(name: "FK_PaymentCards_Customers_CustomerId", column: x => x.CustomerId, principalTable: "Customers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey(name: "FK_PaymentCards_Tenants_TenantId", column: x => x.TenantId, principalTable: "Tenants", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Payments",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                Attempt = table.Column<int>(nullable: false),
                AuthorizationId = table.Column<string>(maxLength: 80, nullable: true),
                CardBrand = table.Column<string>(maxLength: 16, nullable: true),
                CardId = table.Column<string>(maxLength: 40, nullable: true),
                CardLast4 = table.Column<string>(maxLength: 4, nullable: true),
                ChargedMinor = table.Column<long>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                CreditMinor = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                CustomerId = table.Column<string>(maxLength: 40, nullable: false),
                DeclineCode = table.Column<string>(maxLength: 40, nullable: true),
                DeviceId = table.Column<string>(maxLength: 40, nullable: false),
                OrderReference = table.Column<string>(maxLength: 100, nullable: false),
                RefundId = table.Column<string>(maxLength: 80, nullable: true),
                SiteId = table.Column<string>(maxLength: 40, nullable: false),
                Status = table.Column<string>(maxLength: 16, nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Payments", x => x.Id);
                table.ForeignKey(name: "FK_Payments_Customers_CustomerId", column: x => x.CustomerId, principalTable: "Customers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey(name: "FK_Payments_Tenants_TenantId", column: x => x.TenantId, principalTable: "Tenants", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "WebhookDeliveries",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                Attempts = table.Column<int>(nullable: false),
                Body = table.Column<string>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                DeliveredAt = table.Column<long>(nullable: true),
                EventType = table.Column<string>(maxLength: 40, nullable: false),
                LastError = table.Column<string>(maxLength: 400, nullable: true),
                LastStatusCode = table.Column<int>(nullable: true),
                NextAttemptAt = table.Column<long>(nullable: false),
                Status = table.Column<string>(maxLength: 16, nullable: false),
                TenantId = table.Column<string>(maxLength: 40, nullable: false),
                Url = table.Column<string>(maxLength: 400, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                table.ForeignKey(name: "FK_WebhookDeliveries_Tenants_TenantId", column: x => x.TenantId, principalTable: "Tenants", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_PaymentCards_CustomerId", table: "PaymentCards", column: "CustomerId");
        migrationBuilder.CreateIndex(name: "IX_PaymentCards_TenantId", table: "PaymentCards", column: "TenantId");
        migrationBuilder.CreateIndex(name: "IX_Payments_CustomerId", table: "Payments", column: "CustomerId");
        migrationBuilder.CreateIndex(name: "IX_Payments_TenantId_Status", table: "Payments", columns: ["TenantId", "Status"]);
        migrationBuilder.CreateIndex(name: "IX_Payments_TenantId_OrderReference_Attempt", table: "Payments", columns: ["TenantId", "OrderReference", "Attempt"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_WebhookDeliveries_TenantId", table: "WebhookDeliveries", column: "TenantId");
        migrationBuilder.CreateIndex(name: "IX_WebhookDeliveries_Status_NextAttemptAt", table: "WebhookDeliveries", columns: ["Status", "NextAttemptAt"]);
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "WebhookDeliveries");
        migrationBuilder.DropTable(name: "Payments");
        migrationBuilder.DropTable(name: "PaymentCards");
        migrationBuilder.DropColumn(name: "Currency", table: "Tenants");
        migrationBuilder.DropColumn(name: "EnrollmentCreditMinor", table: "Tenants");
        migrationBuilder.DropColumn(name: "WebhookUrl", table: "Tenants");
        migrationBuilder.DropColumn(name: "WebhookSecretCipher", table: "Tenants");
        migrationBuilder.DropColumn(name: "TicketingUrl", table: "Tenants");
        migrationBuilder.DropColumn(name: "PromotionCreditMinor", table: "Customers");
        migrationBuilder.DropColumn(name: "CardTokenCipher", table: "EnrollmentSessions");
        migrationBuilder.DropColumn(name: "CardBrand", table: "EnrollmentSessions");
        migrationBuilder.DropColumn(name: "CardLast4", table: "EnrollmentSessions");
        migrationBuilder.DropColumn(name: "CardExpiryMonth", table: "EnrollmentSessions");
        migrationBuilder.DropColumn(name: "CardExpiryYear", table: "EnrollmentSessions");
    }
}
