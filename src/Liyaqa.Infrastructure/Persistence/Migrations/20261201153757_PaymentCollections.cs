using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liyaqa.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PaymentCollections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int[]>(
                name: "collection_retry_days",
                table: "tenants",
                type: "integer[]",
                nullable: false,
                defaultValue: new[] { 1, 3, 7 });

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "suspended_at",
                table: "subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "gateway_charges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    collection_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    provider = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    gateway_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    decline_code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    decline_message = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    settled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gateway_charges", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_gateway_charges_invoices_tenant_id_invoice_id",
                        columns: x => new { x.tenant_id, x.invoice_id },
                        principalTable: "invoices",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_gateway_charges_members_tenant_id_member_id",
                        columns: x => new { x.tenant_id, x.member_id },
                        principalTable: "members",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_gateway_charges_payments_tenant_id_payment_id",
                        columns: x => new { x.tenant_id, x.payment_id },
                        principalTable: "payments",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payment_cards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    token = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    brand = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    last4 = table.Column<string>(type: "character(4)", fixedLength: true, maxLength: 4, nullable: false),
                    expiry_month = table.Column<int>(type: "integer", nullable: false),
                    expiry_year = table.Column<int>(type: "integer", nullable: false),
                    saved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_cards", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_payment_cards_members_tenant_id_member_id",
                        columns: x => new { x.tenant_id, x.member_id },
                        principalTable: "members",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payment_collections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    failed_attempts = table.Column<int>(type: "integer", nullable: false),
                    first_failed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    next_attempt_on = table.Column<DateOnly>(type: "date", nullable: false),
                    last_failure = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    collected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_collections", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_payment_collections_invoices_tenant_id_invoice_id",
                        columns: x => new { x.tenant_id, x.invoice_id },
                        principalTable: "invoices",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payment_collections_members_tenant_id_member_id",
                        columns: x => new { x.tenant_id, x.member_id },
                        principalTable: "members",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payment_collections_subscriptions_tenant_id_subscription_id",
                        columns: x => new { x.tenant_id, x.subscription_id },
                        principalTable: "subscriptions",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_gateway_charges_tenant_id_collection_id",
                table: "gateway_charges",
                columns: new[] { "tenant_id", "collection_id" });

            migrationBuilder.CreateIndex(
                name: "ix_gateway_charges_tenant_id_idempotency_key",
                table: "gateway_charges",
                columns: new[] { "tenant_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_gateway_charges_tenant_id_invoice_id",
                table: "gateway_charges",
                columns: new[] { "tenant_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_gateway_charges_tenant_id_member_id",
                table: "gateway_charges",
                columns: new[] { "tenant_id", "member_id" });

            migrationBuilder.CreateIndex(
                name: "ix_gateway_charges_tenant_id_payment_id",
                table: "gateway_charges",
                columns: new[] { "tenant_id", "payment_id" });

            migrationBuilder.CreateIndex(
                name: "ix_gateway_charges_tenant_id_status_created_at",
                table: "gateway_charges",
                columns: new[] { "tenant_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_cards_tenant_id_member_id",
                table: "payment_cards",
                columns: new[] { "tenant_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payment_collections_tenant_id_invoice_id",
                table: "payment_collections",
                columns: new[] { "tenant_id", "invoice_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payment_collections_tenant_id_member_id",
                table: "payment_collections",
                columns: new[] { "tenant_id", "member_id" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_collections_tenant_id_status_next_attempt_on",
                table: "payment_collections",
                columns: new[] { "tenant_id", "status", "next_attempt_on" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_collections_tenant_id_subscription_id",
                table: "payment_collections",
                columns: new[] { "tenant_id", "subscription_id" });

            foreach (var table in new[] { "gateway_charges", "payment_cards", "payment_collections" })
            {
                migrationBuilder.EnableTenantIsolation(table);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gateway_charges");

            migrationBuilder.DropTable(
                name: "payment_cards");

            migrationBuilder.DropTable(
                name: "payment_collections");

            migrationBuilder.DropColumn(
                name: "collection_retry_days",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "suspended_at",
                table: "subscriptions");
        }
    }
}
