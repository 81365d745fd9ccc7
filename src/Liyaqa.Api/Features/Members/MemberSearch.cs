using System.Text.RegularExpressions;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Members;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Members;

/// <summary>What the front desk types and picks: one query box, filters, a sort, a page.</summary>
public sealed record MemberQuery(
    string? Q, MemberStatus? Status, Guid? BranchId, Guid? PlanId, string? Tag, bool IncludeArchived, string? Sort, int Page, int PageSize);

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

        if (Matches(query.Q) is { } match)
        {
            var pattern = $"%{EscapeLike(match.Text)}%";
            var phone = match.PhoneDigits is null ? null : $"%{match.PhoneDigits}%";
            members = members.Where(m => EF.Functions.Like(m.SearchText, pattern)
                || (phone != null && EF.Functions.Like(m.SearchText, phone))
                || m.Number == match.Number);
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

        var sorted = query.Sort switch
        {
            "-name" => members.OrderByDescending(m => m.FirstNameEn).ThenByDescending(m => m.LastNameEn).ThenByDescending(m => m.FirstNameAr),
            "number" => members.OrderBy(m => m.Number),
            "-number" => members.OrderByDescending(m => m.Number),
            "createdAt" => members.OrderBy(m => m.CreatedAt),
            "-createdAt" => members.OrderByDescending(m => m.CreatedAt),
            _ => members.OrderBy(m => m.FirstNameEn).ThenBy(m => m.LastNameEn).ThenBy(m => m.FirstNameAr).ThenBy(m => m.Number),
        };
        var page = await sorted.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        var total = page.Count < query.PageSize && (page.Count > 0 || query.Page == 1)
            ? ((query.Page - 1) * query.PageSize) + page.Count
            : await members.CountAsync(ct);
        return new MemberPage(page.Select(MemberSummary.From).ToList(), query.Page, query.PageSize, total);
    }

    private sealed record Match(string Text, string? PhoneDigits, int? Number);

    private static Match? Matches(string? q)
    {
        var text = SearchText.Normalize(q);
        if (text.Length == 0)
        {
            return null;
        }

        var number = MemberNumber().Match(text) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var n) ? n : (int?)null;
        var phone = PhoneNumbers.Normalize(q)?.TrimStart('+');
        return new Match(text, phone, number);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    [GeneratedRegex(@"^m-?0*([0-9]{1,9})$")]
    private static partial Regex MemberNumber();
}
