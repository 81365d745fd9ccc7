using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Members;

/// <summary>
/// A CSV file of members being imported (or checked, in a dry run) by a background job: its progress and
/// counts are visible while it runs, and each bad row is reported with its field.
/// </summary>
public sealed class MemberImport : Entity, ITenantOwned
{
    /// <summary>Errors kept per import; the count goes on beyond it.</summary>
    public const int MaxStoredErrors = 1000;

    private MemberImport()
    {
    }

    public Guid TenantId { get; private set; }

    public string FileName { get; private set; } = string.Empty;

    /// <summary>Check every row and count what would happen, writing nothing.</summary>
    public bool DryRun { get; private set; }

    public ImportStatus Status { get; private set; }

    /// <summary>
    /// The file's text until the import ends; kept apart from the import's status, so reading or updating the status
    /// (every batch, every poll) never loads the file (null unless asked for).
    /// </summary>
    public MemberImportFile? File { get; private set; }

    /// <summary>Column name in the file → member field, for files whose headers are not Liyaqa's.</summary>
    public IReadOnlyDictionary<string, string> Mapping { get; private set; } = new Dictionary<string, string>();

    public int TotalRows { get; private set; }

    public int ProcessedRows { get; private set; }

    public int Created { get; private set; }

    public int Updated { get; private set; }

    public int Unchanged { get; private set; }

    public int Failed { get; private set; }

    public List<ImportRowError> Errors { get; private set; } = [];

    public string? FailureReason { get; private set; }

    public Guid? RequestedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public static MemberImport Queue(string fileName, string content, IReadOnlyDictionary<string, string>? mapping, bool dryRun, Guid? requestedBy, DateTimeOffset now)
    {
        var import = new MemberImport
        {
            FileName = string.IsNullOrWhiteSpace(fileName) ? "members.csv" : Path.GetFileName(fileName.Trim())[..Math.Min(200, Path.GetFileName(fileName.Trim()).Length)],
            File = new MemberImportFile(content),
            Mapping = mapping ?? new Dictionary<string, string>(),
            DryRun = dryRun,
            RequestedBy = requestedBy,
            Status = ImportStatus.Queued,
            CreatedAt = now,
        };
        import.Audit(AuditActions.MemberImportQueued, new { import.FileName, dryRun });
        return import;
    }

    /// <summary>Starts (or, after a crash, restarts) the run: counts begin again, since rows already imported come back as unchanged.</summary>
    public void Start(int totalRows, DateTimeOffset now)
    {
        Status = ImportStatus.Running;
        TotalRows = totalRows;
        (ProcessedRows, Created, Updated, Unchanged, Failed, Errors) = (0, 0, 0, 0, 0, []);
        StartedAt = now;
    }

    /// <summary>Adds the outcome of a batch of rows.</summary>
    public void Progress(int processed, int created, int updated, int unchanged, IReadOnlyList<ImportRowError> errors)
    {
        ProcessedRows += processed;
        Created += created;
        Updated += updated;
        Unchanged += unchanged;
        Failed += errors.Select(e => e.Row).Distinct().Count();
        Errors = [.. Errors, .. errors.Take(MaxStoredErrors - Errors.Count)];
    }

    public void Complete(DateTimeOffset now)
    {
        Status = ImportStatus.Completed;
        File?.Clear();
        FinishedAt = now;
        Audit(AuditActions.MemberImportFinished, new { Created, Updated, Unchanged, Failed, DryRun });
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        Status = ImportStatus.Failed;
        FailureReason = reason;
        File?.Clear();
        FinishedAt = now;
        Audit(AuditActions.MemberImportFinished, new { failed = reason });
    }
}
