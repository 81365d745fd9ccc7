using System.Text.Json;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Common;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.AuditLog;

public sealed record AuditLogItem(
    Guid Id, DateTimeOffset CreatedAt, string Action, Guid? UserId, string? Email, string? EntityType, Guid? EntityId,
    string? IpAddress, string? UserAgent, JsonElement? Details);

public sealed record AuditLogPage(IReadOnlyList<AuditLogItem> Items, int Page, int PageSize, int Total);

/// <summary>A club's admins read its audit log, newest first, filtered by action, user and time.</summary>
public static class AuditLogEndpoints
{
    public const int MaxPageSize = 200;

    public static WebApplication MapAuditLog(this WebApplication app)
    {
        app.MapTenantGroup("/api/audit-log", Permissions.AuditRead).WithTags("Audit log")
            .MapGet("/", QueryAsync)
            .WithSummary("Audit entries, newest first; filter by action, userId, email, from and to.");
        return app;
    }

    private static async Task<Ok<AuditLogPage>> QueryAsync(
        LiyaqaDbContext db, CancellationToken ct, string? action = null, Guid? userId = null, string? email = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, int page = 1, int pageSize = 50)
    {
        new DomainErrors()
            .Check(page >= 1, "page", "Pages start at 1.")
            .Check(pageSize is >= 1 and <= MaxPageSize, "pageSize", $"A page holds 1-{MaxPageSize} entries.")
            .Check(from is null || to is null || from <= to, "from", "'from' must not be after 'to'.")
            .ThrowIfAny();

        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action))
        {
            var normalized = action.Trim().ToUpperInvariant();
            query = query.Where(a => a.Action == normalized);
        }

        if (userId is { } user)
        {
            query = query.Where(a => a.UserId == user);
        }

        if (!string.IsNullOrWhiteSpace(email))
        {
            var normalized = email.Trim().ToLowerInvariant();
            query = query.Where(a => a.Email == normalized);
        }

        // PostgreSQL compares instants in UTC; a client may send any offset.
        if (from?.ToUniversalTime() is { } start)
        {
            query = query.Where(a => a.CreatedAt >= start);
        }

        if (to?.ToUniversalTime() is { } end)
        {
            query = query.Where(a => a.CreatedAt <= end);
        }

        var total = await query.CountAsync(ct);
        var entries = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var items = entries.Select(a => new AuditLogItem(
            a.Id, a.CreatedAt, a.Action, a.UserId, a.Email, a.EntityType, a.EntityId, a.IpAddress, a.UserAgent, a.Details?.RootElement.Clone())).ToList();
        return TypedResults.Ok(new AuditLogPage(items, page, pageSize, total));
    }
}
