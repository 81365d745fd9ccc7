using System.Security.Claims;
using Liyaqa.Domain.Members;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Common.Security;

/// <summary>The member record of the signed-in user, for the member app's own endpoints.</summary>
public static class SignedInMember
{
    public static Task<Member?> SignedInMemberAsync(this LiyaqaDbContext db, ClaimsPrincipal user, CancellationToken ct, bool track = false)
    {
        var userId = Guid.Parse(user.FindFirstValue(AccessTokens.Claims.Subject)!);
        var members = track ? db.Members : db.Members.AsNoTracking();
        return members.SingleOrDefaultAsync(m => m.UserId == userId, ct);
    }
}
