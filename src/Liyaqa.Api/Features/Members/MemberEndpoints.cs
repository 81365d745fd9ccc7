using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Api.Features.Auth;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Members;

/// <summary>
/// The front desk's members: leads and members created, found in a second, updated, archived; trial passes;
/// an invitation to the member app. Email and phone are unique within the club.
/// </summary>
public static class MemberEndpoints
{
    public const string Route = "/api/members";

    public static WebApplication MapMembers(this WebApplication app)
    {
        var read = app.MapTenantGroup(Route, Permissions.MembersRead).WithTags("Members");
        read.MapGet("/", SearchAsync).WithSummary("Search members: q matches names (Arabic or Latin), email, phone or number; filter by status, branchId, planId, tag; sort by name, number or createdAt ('-' descending; searches default to newest first).");
        read.MapGet("/{id:guid}", GetAsync).WithSummary("One member in full.");

        var manage = app.MapTenantGroup(Route, Permissions.MembersManage).WithTags("Members");
        manage.MapPost("/", CreateAsync).WithSummary("Create a member, or a lead when leadSource is given.");
        manage.MapPut("/{id:guid}", UpdateAsync).WithSummary("Change a member's details.");
        manage.MapPost("/{id:guid}/archive", ArchiveAsync).WithSummary("Archive a member: hidden from searches, history kept.");
        manage.MapPost("/{id:guid}/app-account", InviteToAppAsync).WithSummary("Invite the member to the member app (an account with the Member role).");
        return app;
    }

    private static async Task<Ok<MemberPage>> SearchAsync(
        LiyaqaDbContext db, TimeProvider clock, CancellationToken ct, string? q = null, MemberStatus? status = null, Guid? branchId = null,
        Guid? planId = null, string? tag = null, bool includeArchived = false, string? sort = null, int page = 1, int pageSize = 20, bool includeTotal = false)
    {
        var today = (await db.CurrentTenantAsync(ct)).DateAt(clock.GetUtcNow());
        return TypedResults.Ok(await MemberSearch.RunAsync(db, new MemberQuery(q, status, branchId, planId, tag, includeArchived, sort, page, pageSize, includeTotal), today, ct));
    }

    private static async Task<Results<Ok<MemberResponse>, NotFound>> GetAsync(Guid id, LiyaqaDbContext db, CancellationToken ct) =>
        await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct) is { } member ? TypedResults.Ok(MemberResponse.From(member)) : TypedResults.NotFound();

    private static async Task<Created<MemberResponse>> CreateAsync(CreateMemberRequest request, LiyaqaDbContext db, TenantCounters counters, TimeProvider clock, CancellationToken ct)
    {
        var details = request.Details;
        await RequireBranchAsync(db, details.HomeBranchId, ct);
        var number = await counters.ReserveAsync(TenantCounters.MemberNumbers, 1, ct);
        var member = Member.Create((int)number, details, request.LeadSource, clock.GetUtcNow());
        await RequireUniqueContactAsync(db, member, ct);
        db.Members.Add(member);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Route}/{member.Id}", MemberResponse.From(member));
    }

    private static async Task<Results<Ok<MemberResponse>, NotFound>> UpdateAsync(Guid id, CreateMemberRequest request, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Members.SingleOrDefaultAsync(m => m.Id == id, ct) is not { } member)
        {
            return TypedResults.NotFound();
        }

        await RequireBranchAsync(db, request.Details.HomeBranchId, ct);
        member.Update(request.Details, clock.GetUtcNow());
        await RequireUniqueContactAsync(db, member, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(MemberResponse.From(member));
    }

    private static async Task<Results<Ok<MemberResponse>, NotFound>> ArchiveAsync(Guid id, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Members.SingleOrDefaultAsync(m => m.Id == id, ct) is not { } member)
        {
            return TypedResults.NotFound();
        }

        member.Archive(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(MemberResponse.From(member));
    }

    private static async Task<Results<Ok<MemberResponse>, NotFound>> InviteToAppAsync(
        Guid id, LiyaqaDbContext db, AccountEmails emails, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Members.SingleOrDefaultAsync(m => m.Id == id, ct) is not { } member)
        {
            return TypedResults.NotFound();
        }

        if (member.Email is null)
        {
            throw new DomainValidationException("email", "The member needs an email address to sign in to the app.");
        }

        if (member.UserId is not null || await db.Users.AnyAsync(u => u.Email == member.Email, ct))
        {
            throw new DomainConflictException($"An account with the email '{member.Email}' already exists.");
        }

        var tenant = await db.CurrentTenantAsync(ct);
        var user = User.Create(tenant.Id, member.Email, member.NameIn(member.Language), string.Empty, [Role.Member], clock.GetUtcNow());
        db.Users.Add(user);
        member.LinkAccount(user.Id);
        await emails.QueueInvitationAsync(tenant, user, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(MemberResponse.From(member));
    }

    private static async Task RequireBranchAsync(LiyaqaDbContext db, Guid? branchId, CancellationToken ct)
    {
        if (branchId is { } id && !await db.Branches.AnyAsync(b => b.Id == id, ct))
        {
            throw new DomainValidationException("homeBranchId", "No such branch in this club.");
        }
    }

    /// <summary>A clear 409 naming the field, before the unique index would refuse the row.</summary>
    private static async Task RequireUniqueContactAsync(LiyaqaDbContext db, Member member, CancellationToken ct)
    {
        if (member.Email is { } email && await db.Members.AnyAsync(m => m.Id != member.Id && m.Email == email, ct))
        {
            throw new DomainConflictException($"Another member already has the email '{email}'.");
        }

        if (member.Phone is { } phone && await db.Members.AnyAsync(m => m.Id != member.Id && m.Phone == phone, ct))
        {
            throw new DomainConflictException($"Another member already has the phone number {phone}.");
        }
    }
}
