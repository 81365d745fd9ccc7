using System.Text.RegularExpressions;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Members;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Members;

/// <summary>What the front desk types and picks: one query box, filters, a sort, a page.</summary>
public sealed record MemberQuery(
    string? Q, MemberStatus? Status, Guid? BranchId, Guid? PlanId, string? Tag, bool IncludeArchived, string? Sort, int Page, int PageSize, bool IncludeTotal = false);

/// <summary>
/// Member search: the query matches any part of a name in either script (case, accents, Arabic diacritics
/// and letter variants folded), the email, the phone however it is written, or the member number; the
/// trigram index on <c>search_text</c> serves the match.
/// </summary>
public static partial class MemberSearch
{
    public const int MaxPageSize = 100;


    public static async Task<MemberPage> RunAsync(LiyaqaDbContext db, MemberQuery query, DateOnly today, CancellationToken ct)
    {
        new DomainErrors()
            .Check(query.Page >= 1, "page", "Pages start at 1.")
            .Check(query.PageSize is >= 1 and <= MaxPageSize, "pageSize", $"A page holds 1-{MaxPageSize} members.")
            .Check(query.Sort is null or "name" or "-name" or "number" or "-number" or "createdAt" or "-createdAt", "sort", "Sort by name, number or createdAt, with '-' for descending.")
            .Check((query.Q?.Length ?? 0) <= 100, "q", "At most 100 characters.")
            .ThrowIfAny();

        var members = db.Members.AsNoTracking();
        if (!query.IncludeArchived)
        {
            members = members.Where(m => m.ArchivedAt == null);
        }

        var match = Matches(query.Q);
        if (match is not null)
        {
            if (match.Phone is { } phone)
            {
                members = members.Where(m => m.Phone == phone);
            }
            else
            {
                var pattern = $"%{EscapeLike(match.Text)}%";
                members = members.Where(m => EF.Functions.Like(m.SearchText, pattern) || m.Number == match.Number);
            }
        }

        if (query.Status is { } status)
        {
            members = members.Where(m => m.Status == status);
        }

        if (query.BranchId is { } branch)
        {
            members = members.Where(m => m.HomeBranchId == branch);
        }

        if (query.Tag is { Length: > 0 } tag)
        {
            members = members.Where(m => m.Tags.Contains(tag));
        }

        if (query.PlanId is { } plan)
        {
            members = members.Where(m => db.Subscriptions.Any(s => s.MemberId == m.Id && s.PlanId == plan && s.EndDate >= today));
        }

        // Without a sort, a search lists the newest members first. For a name, walking the number index fills a page
        // after a few hundred rows; a phone, email or number matches few members, so "+ 0" keeps the planner off that
        // index and on the trigram index, which finds them directly.
        var sorted = (query.Sort ?? (match is null ? "name" : match.IsIdentifier ? "-identifier" : "-number")) switch
        {
            "-identifier" => members.OrderByDescending(m => m.Number + 0),
            "-name" => members.OrderByDescending(m => m.FirstNameEn).ThenByDescending(m => m.LastNameEn).ThenByDescending(m => m.FirstNameAr).ThenByDescending(m => m.Number),
            "number" => members.OrderBy(m => m.Number),
            "-number" => members.OrderByDescending(m => m.Number),
            "createdAt" => members.OrderBy(m => m.CreatedAt),
            "-createdAt" => members.OrderByDescending(m => m.CreatedAt),
            _ => members.OrderBy(m => m.FirstNameEn).ThenBy(m => m.LastNameEn).ThenBy(m => m.FirstNameAr).ThenBy(m => m.Number),
        };

        // One row more than the page says whether another page follows, without counting every match.
        var rows = await sorted.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize + 1).ToListAsync(ct);
        var total = query.IncludeTotal ? await members.CountAsync(ct) : (int?)null;
        return new MemberPage(rows.Take(query.PageSize).Select(MemberSummary.From).ToList(), query.Page, query.PageSize, rows.Count > query.PageSize, total);
    }

    /// <summary>What to look for: a whole phone number (found by its unique index), or text matched anywhere in the search text.</summary>
    private sealed record Match(string Text, string? Phone, int? Number)
    {
        public bool IsIdentifier => Phone is not null || Number is not null || Text.Contains('@', StringComparison.Ordinal) || Text.Count(char.IsAsciiDigit) >= 4;
    }

    private static Match? Matches(string? q)
    {
        var text = SearchText.Normalize(q);
        if (text.Length == 0)
        {
            return null;
        }

        var number = MemberNumber().Match(text) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var n) ? n : (int?)null;
        // A whole phone number in any format is looked up exactly; a local fragment (05…) loses its leading 0,
        // since phones are stored and searched as 9665….
        if (PhoneNumbers.Normalize(q) is { } phone)
        {
            return new Match(text, phone, null);
        }

        return new Match(LocalPhoneFragment().Match(text) is { Success: true } local ? local.Groups[1].Value : text, null, number);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    [GeneratedRegex(@"^0([0-9]{4,9})$")]
    private static partial Regex LocalPhoneFragment();

    [GeneratedRegex(@"^m-?0*([0-9]{1,9})$")]
    private static partial Regex MemberNumber();
}
