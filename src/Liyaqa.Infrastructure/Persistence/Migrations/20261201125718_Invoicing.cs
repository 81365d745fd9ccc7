using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liyaqa.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Invoicing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "address",
                table: "tenants",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "invoice_id",
                table: "member_charges",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "invoices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    type = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    number = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    referenced_invoice_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    seller = table.Column<string>(type: "jsonb", nullable: true),
                    buyer = table.Column<string>(type: "jsonb", nullable: false),
                    net_total = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    vat_total = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    total = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    paid_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    credited_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    issue_date = table.Column<DateOnly>(type: "date", nullable: true),
                    issue_time = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoices", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_invoices_invoices_tenant_id_referenced_invoice_id",
                        columns: x => new { x.tenant_id, x.referenced_invoice_id },
                        principalTable: "invoices",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_invoices_members_tenant_id_member_id",
                        columns: x => new { x.tenant_id, x.member_id },
                        principalTable: "members",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "invoice_lines",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_number = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    description_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description_ar = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(12,3)", precision: 12, scale: 3, nullable: false),
                    unit_price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    discount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    price_includes_vat = table.Column<bool>(type: "boolean", nullable: false),
                    category = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    vat_rate = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    exemption_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    net_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    vat_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    gross_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: true),
                    charge_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_lines", x => new { x.tenant_id, x.invoice_id, x.line_number });
                    table.ForeignKey(
                        name: "fk_invoice_lines_invoices_tenant_id_invoice_id",
                        columns: x => new { x.tenant_id, x.invoice_id },
                        principalTable: "invoices",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    branch_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    credit_note_id = table.Column<Guid>(type: "uuid", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_payments_branches_tenant_id_branch_id",
                        columns: x => new { x.tenant_id, x.branch_id },
                        principalTable: "branches",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payments_invoices_tenant_id_credit_note_id",
                        columns: x => new { x.tenant_id, x.credit_note_id },
                        principalTable: "invoices",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payments_members_tenant_id_member_id",
                        columns: x => new { x.tenant_id, x.member_id },
                        principalTable: "members",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payment_allocations",
                columns: table => new
                {
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_allocations", x => new { x.tenant_id, x.payment_id, x.invoice_id });
                    table.ForeignKey(
                        name: "fk_payment_allocations_invoices_tenant_id_invoice_id",
                        columns: x => new { x.tenant_id, x.invoice_id },
                        principalTable: "invoices",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payment_allocations_payments_tenant_id_payment_id",
                        columns: x => new { x.tenant_id, x.payment_id },
                        principalTable: "payments",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_member_charges_tenant_id_invoice_id",
                table: "member_charges",
                columns: new[] { "tenant_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_invoice_lines_tenant_id_charge_id",
                table: "invoice_lines",
                columns: new[] { "tenant_id", "charge_id" },
                filter: "charge_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_lines_tenant_id_subscription_id",
                table: "invoice_lines",
                columns: new[] { "tenant_id", "subscription_id" },
                filter: "subscription_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_tenant_id_member_id_created_at",
                table: "invoices",
                columns: new[] { "tenant_id", "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_tenant_id_number",
                table: "invoices",
                columns: new[] { "tenant_id", "number" },
                unique: true,
                filter: "number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_tenant_id_referenced_invoice_id",
                table: "invoices",
                columns: new[] { "tenant_id", "referenced_invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_tenant_id_status_issued_at",
                table: "invoices",
                columns: new[] { "tenant_id", "status", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_allocations_tenant_id_invoice_id",
                table: "payment_allocations",
                columns: new[] { "tenant_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_tenant_id_branch_id_received_at",
                table: "payments",
                columns: new[] { "tenant_id", "branch_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_tenant_id_credit_note_id",
                table: "payments",
                columns: new[] { "tenant_id", "credit_note_id" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_tenant_id_member_id_received_at",
                table: "payments",
                columns: new[] { "tenant_id", "member_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_tenant_id_number",
                table: "payments",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_member_charges_invoices_tenant_id_invoice_id",
                table: "member_charges",
                columns: new[] { "tenant_id", "invoice_id" },
                principalTable: "invoices",
                principalColumns: new[] { "tenant_id", "id" },
                onDelete: ReferentialAction.Restrict);

            foreach (var table in new[] { "invoices", "invoice_lines", "payments", "payment_allocations" })
            {
                migrationBuilder.EnableTenantIsolation(table);
            }

            // An issued invoice or credit note is final: only its payment state may change, and its lines never.
            migrationBuilder.Sql("""
                CREATE FUNCTION issued_invoices_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF OLD.status <> 'Draft' AND (TG_OP = 'DELETE'
                      OR to_jsonb(NEW) - ARRAY['status', 'paid_amount', 'credited_amount'] IS DISTINCT FROM to_jsonb(OLD) - ARRAY['status', 'paid_amount', 'credited_amount']) THEN
                    RAISE EXCEPTION 'invoice % is issued and cannot be changed or deleted', OLD.number USING ERRCODE = 'integrity_constraint_violation';
                  END IF;
                  RETURN COALESCE(NEW, OLD);
                END $$;
                CREATE TRIGGER issued_invoices_are_final BEFORE UPDATE OR DELETE ON invoices
                  FOR EACH ROW EXECUTE FUNCTION issued_invoices_are_final();

                CREATE FUNCTION lines_of_issued_invoices_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE line invoice_lines;
                BEGIN
                  line := COALESCE(NEW, OLD);
                  IF EXISTS (SELECT FROM invoices i WHERE i.tenant_id = line.tenant_id AND i.id = line.invoice_id AND i.status <> 'Draft')
                     OR (TG_OP = 'UPDATE' AND EXISTS (SELECT FROM invoices i WHERE i.tenant_id = OLD.tenant_id AND i.id = OLD.invoice_id AND i.status <> 'Draft')) THEN
                    RAISE EXCEPTION 'the lines of an issued invoice cannot be changed' USING ERRCODE = 'integrity_constraint_violation';
                  END IF;
                  RETURN line;
                END $$;
                CREATE TRIGGER lines_of_issued_invoices_are_final BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
                  FOR EACH ROW EXECUTE FUNCTION lines_of_issued_invoices_are_final();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER lines_of_issued_invoices_are_final ON invoice_lines;
                DROP FUNCTION lines_of_issued_invoices_are_final();
                DROP TRIGGER issued_invoices_are_final ON invoices;
                DROP FUNCTION issued_invoices_are_final();
                """);
            migrationBuilder.DropForeignKey(
                name: "fk_member_charges_invoices_tenant_id_invoice_id",
                table: "member_charges");

            migrationBuilder.DropTable(
                name: "invoice_lines");

            migrationBuilder.DropTable(
                name: "payment_allocations");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropTable(
                name: "invoices");

            migrationBuilder.DropIndex(
                name: "ix_member_charges_tenant_id_invoice_id",
                table: "member_charges");

            migrationBuilder.DropColumn(
                name: "address",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "invoice_id",
                table: "member_charges");
        }
    }
}
