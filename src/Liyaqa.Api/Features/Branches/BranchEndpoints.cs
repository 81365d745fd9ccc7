using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Branches;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Branches;

public sealed record BranchResponse(
    Guid Id, string NameEn, string NameAr, string? Address, string TimeZone, IReadOnlyList<OpeningHours> OpeningHours, bool IsActive, DateTimeOffset CreatedAt)
{
    public static BranchResponse From(Branch b) => new(b.Id, b.NameEn, b.NameAr, b.Address, b.TimeZone, b.OpeningHours, b.IsActive, b.CreatedAt);
}

public sealed record OccupancyResponse(Guid BranchId, int Inside, TimeSpan Window, DateTimeOffset At);

/// <summary>A club's branches: names in both languages, address, time zone and opening hours; live occupancy.</summary>
public static class BranchEndpoints
{
    public const string Route = "/api/branches";

    public static WebApplication MapBranches(this WebApplication app)
    {
        var read = app.MapTenantGroup(Route, Permissions.BranchesRead).WithTags("Branches");
        read.MapGet("/", ListAsync).WithSummary("The club's branches, active ones first.");
        read.MapGet("/{id:guid}", GetAsync).WithSummary("One branch.");
        read.MapGet("/{id:guid}/occupancy", OccupancyAsync)
            .WithSummary("People inside now: checked in within the occupancy window and not checked out.");

        var manage = app.MapTenantGroup(Route, Permissions.BranchesManage).WithTags("Branches");
        manage.MapPost("/", CreateAsync).WithSummary("Open a branch (time zone defaults to the club's).");
        manage.MapPut("/{id:guid}", UpdateAsync).WithSummary("Change a branch's names, address, time zone or opening hours.");
        manage.MapPost("/{id:guid}/deactivate", (Guid id, LiyaqaDbContext db, CancellationToken ct) => SetActiveAsync(id, false, db, ct))
            .WithSummary("Close a branch: no more check-ins or classes there.");
        manage.MapPost("/{id:guid}/activate", (Guid id, LiyaqaDbContext db, CancellationToken ct) => SetActiveAsync(id, true, db, ct))
            .WithSummary("Reopen a branch.");
        return app;
    }

    private static async Task<Ok<List<BranchResponse>>> ListAsync(LiyaqaDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Branches.AsNoTracking().OrderByDescending(b => b.IsActive).ThenBy(b => b.NameEn).ToListAsync(ct)).Select(BranchResponse.From).ToList());

    private static async Task<Results<Ok<BranchResponse>, NotFound>> GetAsync(Guid id, LiyaqaDbContext db, CancellationToken ct) =>
        await db.Branches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) is { } branch ? TypedResults.Ok(BranchResponse.From(branch)) : TypedResults.NotFound();

    private static async Task<Created<BranchResponse>> CreateAsync(BranchDetails request, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var tenant = await db.CurrentTenantAsync(ct);
        var branch = Branch.Create(request, tenant.TimeZone, clock.GetUtcNow());
        db.Branches.Add(branch);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Route}/{branch.Id}", BranchResponse.From(branch));
    }

    private static async Task<Results<Ok<BranchResponse>, NotFound>> UpdateAsync(Guid id, BranchDetails request, LiyaqaDbContext db, CancellationToken ct)
    {
        if (await db.Branches.SingleOrDefaultAsync(b => b.Id == id, ct) is not { } branch)
        {
            return TypedResults.NotFound();
        }

        branch.Update(request);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(BranchResponse.From(branch));
    }

    private static async Task<Results<Ok<BranchResponse>, NotFound>> SetActiveAsync(Guid id, bool active, LiyaqaDbContext db, CancellationToken ct)
    {
        if (await db.Branches.SingleOrDefaultAsync(b => b.Id == id, ct) is not { } branch)
        {
            return TypedResults.NotFound();
        }

        branch.SetActive(active);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(BranchResponse.From(branch));
    }

    private static async Task<Results<Ok<OccupancyResponse>, NotFound>> OccupancyAsync(
        Guid id, LiyaqaDbContext db, CheckIns.CheckInOptions options, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Branches.AnyAsync(b => b.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var since = now - options.OccupancyWindow;
        var inside = await db.CheckIns.CountAsync(c => c.BranchId == id && c.Allowed && c.CheckedOutAt == null && c.At > since, ct);
        return TypedResults.Ok(new OccupancyResponse(id, inside, options.OccupancyWindow, now));
    }
}
