using Npgsql;

// The raw baseline of bench/run.sh: the API's hottest read and its booking transaction done with nothing but
// ASP.NET Core's minimal API and Npgsql on the same database, as the database owner (no row-level security, no
// authentication, no telemetry). Same JSON shape, same rows written. Never part of the product.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var database = new NpgsqlConnectionStringBuilder(builder.Configuration["BASELINE_DB"] ?? throw new InvalidOperationException("BASELINE_DB is not set."))
{
    MaxPoolSize = 50,
    NoResetOnClose = true,
    ApplicationName = "liyaqa-baseline",
};
await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

var app = builder.Build();

app.MapGet("/members/{id:guid}", async (Guid id, HttpRequest request) =>
{
    var tenant = Guid.Parse(request.Headers["X-Tenant"].ToString());
    await using var command = dataSource.CreateCommand("""
        SELECT id, number, first_name_en, last_name_en, first_name_ar, last_name_ar, email, phone, gender, date_of_birth, national_id,
               emergency_contact_name, emergency_contact_phone, home_branch_id, tags, notes, language, status, lead_source, user_id, created_at, updated_at, archived_at
        FROM members WHERE tenant_id = $1 AND id = $2
        """);
    command.Parameters.Add(new() { Value = tenant });
    command.Parameters.Add(new() { Value = id });
    await using var reader = await command.ExecuteReaderAsync();
    if (!await reader.ReadAsync())
    {
        return Results.NotFound();
    }

    return Results.Ok(new
    {
        id = reader.GetGuid(0),
        number = $"M-{reader.GetInt32(1):D6}",
        firstNameEn = reader.GetString(2),
        lastNameEn = reader.GetString(3),
        firstNameAr = reader.GetString(4),
        lastNameAr = reader.GetString(5),
        email = reader.IsDBNull(6) ? null : reader.GetString(6),
        phone = reader.IsDBNull(7) ? null : reader.GetString(7),
        gender = reader.GetString(8),
        dateOfBirth = reader.IsDBNull(9) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(9),
        nationalId = reader.IsDBNull(10) ? null : reader.GetString(10),
        emergencyContactName = reader.IsDBNull(11) ? null : reader.GetString(11),
        emergencyContactPhone = reader.IsDBNull(12) ? null : reader.GetString(12),
        homeBranchId = reader.IsDBNull(13) ? (Guid?)null : reader.GetGuid(13),
        tags = reader.GetFieldValue<string[]>(14),
        notes = reader.IsDBNull(15) ? null : reader.GetString(15),
        language = reader.GetString(16),
        status = reader.GetString(17),
        leadSource = reader.IsDBNull(18) ? null : reader.GetString(18),
        hasAppAccount = !reader.IsDBNull(19),
        createdAt = reader.GetFieldValue<DateTimeOffset>(20),
        updatedAt = reader.GetFieldValue<DateTimeOffset>(21),
        archivedAt = reader.IsDBNull(22) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(22),
    });
});

// A place in a class: lock the class, count its places and the member's, write the booking, its audit entry and the
// confirmation message (marked sent, so the product's dispatcher leaves it), commit. A full class waitlists.
app.MapPost("/class-sessions/{id:guid}/bookings", async (Guid id, HttpRequest request, BookingRequest body) =>
{
    var tenant = Guid.Parse(request.Headers["X-Tenant"].ToString());
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var transaction = await connection.BeginTransactionAsync();
    await using var batch = new NpgsqlBatch(connection, transaction)
    {
        BatchCommands =
        {
            new("SELECT capacity FROM class_sessions WHERE tenant_id = $1 AND id = $2 FOR UPDATE") { Parameters = { new() { Value = tenant }, new() { Value = id } } },
            new("SELECT count(*) FILTER (WHERE status = 'Booked'), count(*) FILTER (WHERE member_id = $3) FROM bookings WHERE tenant_id = $1 AND session_id = $2 AND status IN ('Booked', 'Waitlisted')")
            {
                Parameters = { new() { Value = tenant }, new() { Value = id }, new() { Value = body.MemberId } },
            },
        },
    };
    int capacity;
    long booked, mine;
    await using (var reader = await batch.ExecuteReaderAsync())
    {
        if (!await reader.ReadAsync())
        {
            return Results.NotFound();
        }

        capacity = reader.GetInt32(0);
        await reader.NextResultAsync();
        await reader.ReadAsync();
        (booked, mine) = (reader.GetInt64(0), reader.GetInt64(1));
    }

    if (mine > 0)
    {
        return Results.Conflict();
    }

    var now = DateTimeOffset.UtcNow;
    var booking = Guid.CreateVersion7();
    var status = booked < capacity ? "Booked" : "Waitlisted";
    await using var write = new NpgsqlBatch(connection, transaction)
    {
        BatchCommands =
        {
            new("INSERT INTO bookings (id, tenant_id, session_id, member_id, status, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            {
                Parameters = { new() { Value = booking }, new() { Value = tenant }, new() { Value = id }, new() { Value = body.MemberId }, new() { Value = status }, new() { Value = now } },
            },
            new("INSERT INTO audit_log (id, tenant_id, action, entity_type, entity_id, details, created_at) VALUES ($1, $2, 'BOOKING_CREATED', 'Booking', $3, $4::jsonb, $5)")
            {
                Parameters = { new() { Value = Guid.CreateVersion7() }, new() { Value = tenant }, new() { Value = booking }, new() { Value = $$"""{"status":"{{status}}"}""" }, new() { Value = now } },
            },
            new("""
                INSERT INTO notification_queue (id, tenant_id, channel, template_key, language, recipient, subject, body, status, attempts, next_attempt_at, sent_at, message_id, created_at)
                VALUES ($1, $2, 'Email', 'booking-confirmed', 'en', 'baseline@bench.test', 'Your place is booked', 'You are booked.', 'Sent', 0, $3, $3, $4, $3)
                """)
            {
                Parameters = { new() { Value = Guid.CreateVersion7() }, new() { Value = tenant }, new() { Value = now }, new() { Value = $"<{booking}@bench>" } },
            },
        },
    };
    await write.ExecuteNonQueryAsync();
    await transaction.CommitAsync();
    return Results.Created($"/bookings/{booking}", new { id = booking, status });
});

app.Run();

internal sealed record BookingRequest(Guid MemberId);
