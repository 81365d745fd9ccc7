using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Members;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Liyaqa.Api.Features.Members;

public sealed record MemberImportResponse(
    Guid Id, string FileName, bool DryRun, ImportStatus Status, int TotalRows, int ProcessedRows, int Created, int Updated, int Unchanged, int Failed,
    IReadOnlyList<ImportRowError> Errors, string? FailureReason, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public static MemberImportResponse From(MemberImport i) => new(
        i.Id, i.FileName, i.DryRun, i.Status, i.TotalRows, i.ProcessedRows, i.Created, i.Updated, i.Unchanged, i.Failed, i.Errors, i.FailureReason,
        i.CreatedAt, i.StartedAt, i.FinishedAt);
}

/// <summary>
/// Members in and out as CSV: an upload becomes an import job whose progress staff follow (a dry run reports
/// every bad row without writing), and the export gives the same columns back.
/// </summary>
public static class MemberImportEndpoints
{
    public const string ImportsRoute = "/api/members/imports";
    public const long MaxFileBytes = 32 * 1024 * 1024;

    /// <summary>The whole upload: the file and the form around it.</summary>
    private const long MaxUploadBytes = MaxFileBytes + (64 * 1024);

    private const long MaxDrainedBytes = 1024L * 1024 * 1024;

    public static WebApplication MapMemberImports(this WebApplication app)
    {
        var import = app.MapTenantGroup(ImportsRoute, Permissions.MembersImport).WithTags("Member import and export");
        import.MapPost("/", QueueAsync).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithSummary("Upload a CSV as multipart/form-data (field 'file', optional 'mapping' JSON of header → field); dryRun=true only checks it.");
        import.MapGet("/{id:guid}", GetAsync).WithSummary("An import's status, counts and row errors.");

        app.MapTenantGroup("/api/members/export", Permissions.MembersRead).WithTags("Member import and export")
            .MapGet("/", ExportAsync).WithSummary("Every member (archived ones with includeArchived=true) as UTF-8 CSV in the import's columns.");
        return app;
    }

    /// <summary>
    /// Reads and drops an oversize upload of up to <see cref="MaxDrainedBytes"/>, so a client that sends the whole file
    /// before reading the answer gets the 413 instead of a connection reset mid-upload; a larger one is cut off.
    /// </summary>
    private static async Task DrainAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength <= MaxDrainedBytes && request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxDrainedBytes;
            await request.Body.CopyToAsync(Stream.Null, ct);
        }
    }

    private static async Task<Accepted<MemberImportResponse>> QueueAsync(
        HttpRequest request, ClaimsPrincipal user, LiyaqaDbContext db, ISchedulerFactory schedulers, TimeProvider clock, CancellationToken ct, bool dryRun = false)
    {
        if (request.ContentLength > MaxUploadBytes)
        {
            await DrainAsync(request, ct);
            throw new BadHttpRequestException($"The upload is larger than {MaxFileBytes / 1024 / 1024} MB: split the CSV into files of at most that size.", StatusCodes.Status413PayloadTooLarge);
        }

        if (!request.HasFormContentType || (await request.ReadFormAsync(ct)).Files.GetFile("file") is not { Length: > 0 } file)
        {
            throw new DomainValidationException("file", "Upload the CSV as the multipart form field 'file'.");
        }

        if (file.Length > MaxFileBytes)
        {
            throw new DomainValidationException("file", $"At most {MaxFileBytes / 1024 / 1024} MB per file.");
        }

        var mapping = ReadMapping(request.Form["mapping"].ToString());
        string content;
        using (var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            try
            {
                content = await reader.ReadToEndAsync(ct);
            }
            catch (DecoderFallbackException)
            {
                throw new DomainValidationException("file", "The file is not UTF-8 text; save it as 'CSV UTF-8'.");
            }
        }

        var userId = Guid.TryParse(user.FindFirstValue(AccessTokens.Claims.Subject), out var id) ? id : (Guid?)null;
        var import = MemberImport.Queue(file.FileName, content, mapping, dryRun, userId, clock.GetUtcNow());
        db.MemberImports.Add(import);
        await db.SaveChangesAsync(ct);
        await MemberImportJob.ScheduleAsync(schedulers, import.TenantId, import.Id, ct);
        return TypedResults.Accepted($"{ImportsRoute}/{import.Id}", MemberImportResponse.From(import));
    }

    private static async Task<Results<Ok<MemberImportResponse>, NotFound>> GetAsync(Guid id, LiyaqaDbContext db, CancellationToken ct) =>
        await db.MemberImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is { } import
            ? TypedResults.Ok(MemberImportResponse.From(import))
            : TypedResults.NotFound();

    private static async Task ExportAsync(HttpContext http, LiyaqaDbContext db, CancellationToken ct, bool includeArchived = false)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"members.csv\"";
        var members = db.Members.AsNoTracking().Where(m => includeArchived || m.ArchivedAt == null).OrderBy(m => m.Number).AsAsyncEnumerable();
        await MemberCsv.WriteAsync(http.Response.Body, members, ct);
    }

    private static Dictionary<string, string> ReadMapping(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            var mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
            var unknown = mapping.Values.Where(field => !MemberCsv.Columns.Contains(field, StringComparer.OrdinalIgnoreCase)).ToList();
            return unknown.Count == 0
                ? mapping
                : throw new DomainValidationException("mapping", $"Unknown field(s) {string.Join(", ", unknown)}; fields are {string.Join(", ", MemberCsv.Columns)}.");
        }
        catch (JsonException)
        {
            throw new DomainValidationException("mapping", "The mapping is a JSON object of column header → member field.");
        }
    }
}
