using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Api.Features.Members;
using Liyaqa.Domain.CheckIns;
using Liyaqa.Domain.Common;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Liyaqa.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.CheckIns;

/// <summary>Who is at the door and where: exactly one of member id, member number, or QR pass.</summary>
public sealed record CheckInRequest(Guid BranchId, Guid? MemberId, [property: MaxLength(20)] string? MemberNumber, [property: MaxLength(500)] string? QrToken);

public sealed record CheckInSubscription(Guid Id, string PlanNameEn, string PlanNameAr, DateOnly EndDate, int? VisitsLeft);

/// <summary>The answer at the door: allowed, or the reason (a stable code) and what to tell the member.</summary>
public sealed record CheckInResponse(
    Guid Id, bool Allowed, string? Reason, string? Message, string? MessageAr, DateTimeOffset At, Guid BranchId, MemberSummary Member, CheckInSubscription? Subscription);

public sealed record AttendanceItem(Guid Id, Guid MemberId, Guid BranchId, DateTimeOffset At, DateTimeOffset? CheckedOutAt, bool Allowed, string? Reason, CheckInMethod Method);

public sealed record AttendancePage(IReadOnlyList<AttendanceItem> Items, int Page, int PageSize);

/// <summary>The front desk's door: check members in (deciding by their subscriptions) and out; attendance history.</summary>
public static class CheckInEndpoints
{
    public const string Route = "/api/check-ins";
    public const int MaxPageSize = 200;

    private static readonly Meter Meter = new("Liyaqa.CheckIns");
    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>("liyaqa.check_ins", description: "Check-in attempts by result (allowed, denied)");

    /// <summary>Both results at zero from the start (dashboards read them).</summary>
    public static void PublishAtZero() => Attempts.AtZero("result", "allowed", "denied");

    public static WebApplication MapCheckIns(this WebApplication app)
    {
        var desk = app.MapTenantGroup(Route, Permissions.CheckInsManage).WithTags("Check-ins");
        desk.MapPost("/", CheckInAsync).WithSummary("Check a member in at a branch by id, number or QR pass: allowed, or denied with a reason.");
        desk.MapPost("/{id:guid}/check-out", CheckOutAsync).WithSummary("Check a member out.");
        desk.MapGet("/", HistoryAsync).WithSummary("Attendance, newest first; filter by memberId, branchId, from, to; includeDenied for refused attempts.");
        return app;
    }

    private static async Task<Results<Created<CheckInResponse>, ProblemHttpResult>> CheckInAsync(
        CheckInRequest request, LiyaqaDbContext db, ClubSettingsCache clubs, CheckInPasses passes, CheckInOptions options, TimeProvider clock, CancellationToken ct)
    {
        var given = new object?[] { request.MemberId, request.MemberNumber, request.QrToken }.Count(v => v is not null);
        new DomainErrors().Check(given == 1, "memberId", "Give exactly one of memberId, memberNumber or qrToken.").ThrowIfAny();

        var branch = await clubs.BranchAsync(db, request.BranchId, ct);
        if (branch is null)
        {
            return NotFound("No such branch in this club.");
        }

        if (!branch.IsActive)
        {
            throw new DomainRuleException("branch-inactive", "The branch is closed.");
        }

        var (memberId, method) = await IdentifyAsync(request, db, passes, ct);
        // Locking the member row serialises two scans of the same member, so the repeat rule holds.
        var member = memberId is null ? null : await db.LockMemberAsync(memberId.Value, ct);
        if (member is null)
        {
            return NotFound("No such member in this club.");
        }

        var now = clock.GetUtcNow();
        var (date, time) = branch.LocalAt(now);
        // The last entry only matters to a member with a subscription, so it comes with each one (one round trip).
        var held = member.IsArchived ? [] : await db.Subscriptions.Where(s => s.MemberId == member.Id)
            .Select(s => new { Subscription = s, LastIn = db.CheckIns.Where(c => c.MemberId == member.Id && c.Allowed).Max(c => (DateTimeOffset?)c.At) })
            .ToListAsync(ct);
        var (subscriptions, lastIn) = (held.ConvertAll(h => h.Subscription), held.FirstOrDefault()?.LastIn);
        var decision = CheckInRules.Decide(new CheckInContext(subscriptions, branch.Id, date, time, branch.IsOpenAt(now), now, lastIn, options.RepeatWindow));
        decision.Subscription?.UseVisit();
        var checkIn = CheckIn.Record(member.Id, branch.Id, decision, method, now);
        db.CheckIns.Add(checkIn);
        if (decision.Allowed)
        {
            // Coming in for a class marks the place attended: classes here from half an hour ago to an hour ahead.
            var (from, until) = (now.AddMinutes(-30), now.AddHours(1));
            var classes = await db.Bookings.Where(b => b.MemberId == member.Id && b.Status == Domain.Classes.BookingStatus.Booked
                && db.ClassSessions.Any(s => s.Id == b.SessionId && s.BranchId == branch.Id && s.StartsAt >= from && s.StartsAt <= until)).ToListAsync(ct);
            classes.ForEach(b => b.MarkAttendance(attended: true));
        }

        await db.SaveChangesAsync(ct);
        Attempts.Add(1, new KeyValuePair<string, object?>("result", decision.Allowed ? "allowed" : "denied"));

        var used = decision.Subscription is { } s ? new CheckInSubscription(s.Id, s.PlanNameEn, s.PlanNameAr, s.EndDate, s.VisitsLeft) : null;
        return TypedResults.Created($"{Route}/{checkIn.Id}", new CheckInResponse(
            checkIn.Id, decision.Allowed, decision.Denial?.Code, decision.Denial?.MessageEn, decision.Denial?.MessageAr, now, branch.Id, MemberSummary.From(member), used));
    }

    private static async Task<(Guid? MemberId, CheckInMethod Method)> IdentifyAsync(CheckInRequest request, LiyaqaDbContext db, CheckInPasses passes, CancellationToken ct)
    {
        if (request.MemberId is { } id)
        {
            return (id, CheckInMethod.MemberId);
        }

        if (request.MemberNumber is { } text)
        {
            var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
            var number = int.TryParse(digits, out var n) ? n : -1;
            return (await db.Members.Where(m => m.Number == number).Select(m => (Guid?)m.Id).SingleOrDefaultAsync(ct), CheckInMethod.MemberNumber);
        }

        var member = passes.Read(request.QrToken!, db.CurrentTenantId!.Value)
            ?? throw new DomainValidationException("qrToken", "The pass is not valid or has expired; ask the member to refresh it in the app.");
        return (member, CheckInMethod.QrCode);
    }

    private static async Task<Results<Ok<AttendanceItem>, NotFound>> CheckOutAsync(Guid id, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.CheckIns.SingleOrDefaultAsync(c => c.Id == id, ct) is not { } checkIn)
        {
            return TypedResults.NotFound();
        }

        checkIn.CheckOut(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Item(checkIn));
    }

    private static async Task<Ok<AttendancePage>> HistoryAsync(
        LiyaqaDbContext db, CancellationToken ct, Guid? memberId = null, Guid? branchId = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        bool includeDenied = false, int page = 1, int pageSize = 50)
    {
        new DomainErrors()
            .Check(page >= 1, "page", "Pages start at 1.")
            .Check(pageSize is >= 1 and <= MaxPageSize, "pageSize", $"A page holds 1-{MaxPageSize} visits.")
            .ThrowIfAny();
        (from, to) = (from?.ToUniversalTime(), to?.ToUniversalTime());
        var visits = db.CheckIns.AsNoTracking().Where(c => (includeDenied || c.Allowed)
            && (memberId == null || c.MemberId == memberId) && (branchId == null || c.BranchId == branchId)
            && (from == null || c.At >= from) && (to == null || c.At < to));
        var items = await visits.OrderByDescending(c => c.At).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new AttendancePage(items.Select(Item).ToList(), page, pageSize));
    }

    private static AttendanceItem Item(CheckIn c) => new(c.Id, c.MemberId, c.BranchId, c.At, c.CheckedOutAt, c.Allowed, c.DenyReason, c.Method);

    private static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: detail);
}
