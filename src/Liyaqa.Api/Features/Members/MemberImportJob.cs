using System.Diagnostics;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Members;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Liyaqa.Api.Features.Members;

/// <summary>
/// Works through a queued member import in batches, each committed with the import's progress so staff
/// watch the counts grow. A row is matched to an existing member by email, else phone: a match with the
/// same details is unchanged, otherwise updated, and no match creates a member — so importing a file twice
/// changes nothing the second time. In a dry run every row is checked and counted, and nothing is written.
/// Quartz runs it once across replicas and runs it again from the start if its replica dies.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MemberImportJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MemberImportJob> logger) : IJob
{
    public const string TenantKey = "tenantId";
    public const string ImportKey = "importId";
    public const int BatchSize = 1000;
    private static readonly TimeSpan CommitPatience = TimeSpan.FromSeconds(10);

    public static async Task ScheduleAsync(ISchedulerFactory schedulers, Guid tenantId, Guid importId, CancellationToken ct)
    {
        var job = JobBuilder.Create<MemberImportJob>()
            .WithIdentity($"member-import-{importId}", "member-imports")
            .UsingJobData(TenantKey, tenantId.ToString())
            .UsingJobData(ImportKey, importId.ToString())
            .RequestRecovery()
            .Build();
        await (await schedulers.GetScheduler(ct)).ScheduleJob(job, TriggerBuilder.Create().StartNow().Build(), cancellationToken: ct);
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var tenantId = Guid.Parse(context.MergedJobDataMap.GetString(TenantKey)!);
        var importId = Guid.Parse(context.MergedJobDataMap.GetString(ImportKey)!);
        try
        {
            await RunAsync(tenantId, importId, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Member import {Import} failed", importId);
            var reason = failure is DomainValidationException invalid ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value)) : "The import stopped on an unexpected error.";
            await scopes.RunAsync(tenantId, async (_, db) =>
            {
                var import = await db.MemberImports.Include(i => i.File).SingleAsync(i => i.Id == importId, cancellationToken);
                import.Fail(reason, clock.GetUtcNow());
                return await db.SaveChangesAsync(cancellationToken);
            }, cancellationToken);
        }
    }

    private async Task RunAsync(Guid tenantId, Guid importId, CancellationToken ct)
    {
        if (await StartAsync(tenantId, importId, ct) is not var (rows, dryRun))
        {
            logger.LogWarning("Member import {Import} was never committed: its upload failed after queuing it", importId);
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var batch in rows.Chunk(BatchSize))
        {
            await scopes.RunAsync(tenantId, async (services, db) =>
            {
                var outcome = await ImportBatchAsync(db, services.GetRequiredService<TenantCounters>(), batch, seen, dryRun, ct);
                var import = await db.MemberImports.SingleAsync(i => i.Id == importId, ct);
                import.Progress(batch.Length, outcome.Created, outcome.Updated, outcome.Unchanged, outcome.Errors);
                return await db.SaveChangesAsync(ct);
            }, ct);
        }

        await scopes.RunAsync(tenantId, async (_, db) =>
        {
            var import = await db.MemberImports.Include(i => i.File).SingleAsync(i => i.Id == importId, ct);
            import.Complete(clock.GetUtcNow());
            logger.LogInformation("Member import {Import} done: {Created} created, {Updated} updated, {Unchanged} unchanged, {Failed} failed{DryRun}",
                importId, import.Created, import.Updated, import.Unchanged, import.Failed, import.DryRun ? " (dry run)" : string.Empty);
            return await db.SaveChangesAsync(ct);
        }, ct);
    }

    /// <summary>
    /// Counts the import's rows and marks it running; the rows are parsed again batch by batch as they are imported.
    /// The upload's transaction commits just after it schedules this job, so the job may start before the import is visible: it waits for it up to <see cref="CommitPatience"/>.
    /// </summary>
    private async Task<(IEnumerable<MemberCsvRow> Rows, bool DryRun)?> StartAsync(Guid tenantId, Guid importId, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var started = await scopes.RunAsync(tenantId, async (_, db) =>
            {
                if (await db.MemberImports.Include(i => i.File).SingleOrDefaultAsync(i => i.Id == importId, ct) is not { } import)
                {
                    return ((IEnumerable<MemberCsvRow> Rows, bool DryRun)?)null;
                }

                var read = MemberCsv.Read(import.File?.Content ?? string.Empty, import.Mapping);
                import.Start(read.Count(), clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                return (read, import.DryRun);
            }, ct);
            if (started is not null || waited.Elapsed > CommitPatience)
            {
                return started;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    private sealed record BatchOutcome(int Created, int Updated, int Unchanged, List<ImportRowError> Errors);

    private async Task<BatchOutcome> ImportBatchAsync(
        LiyaqaDbContext db, TenantCounters counters, MemberCsvRow[] batch, Dictionary<string, int> seen, bool dryRun, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = batch.SelectMany(r => r.Errors).ToList();
        var candidates = batch.Where(r => r.Details is not null).ToList();
        var emails = candidates.Select(r => r.Details!.Email?.Trim().ToLowerInvariant()).OfType<string>().ToList();
        var phones = candidates.Select(r => PhoneNumbers.Normalize(r.Details!.Phone)).OfType<string>().ToList();
        var existing = await db.Members.Where(m => (m.Email != null && emails.Contains(m.Email)) || (m.Phone != null && phones.Contains(m.Phone))).ToListAsync(ct);
        var byEmail = existing.Where(m => m.Email is not null).ToDictionary(m => m.Email!);
        var byPhone = existing.Where(m => m.Phone is not null).ToDictionary(m => m.Phone!);

        var toCreate = new List<(int Row, MemberDetails Details)>();
        int updated = 0, unchanged = 0;
        foreach (var row in candidates)
        {
            var details = row.Details!;
            var email = details.Email?.Trim().ToLowerInvariant();
            var phone = PhoneNumbers.Normalize(details.Phone);
            var keys = new[] { email is null ? null : $"e:{email}", phone is null ? null : $"p:{phone}" }.OfType<string>().ToList();
            if (keys.Select(k => seen.GetValueOrDefault(k)).FirstOrDefault(r => r > 0) is var earlier and > 0)
            {
                errors.Add(new ImportRowError(row.Row, email is not null && seen.ContainsKey($"e:{email}") ? "email" : "phone", $"The same member as row {earlier}."));
                continue;
            }

            keys.ForEach(k => seen[k] = row.Row);
            var byThisEmail = email is null ? null : byEmail.GetValueOrDefault(email);
            var byThisPhone = phone is null ? null : byPhone.GetValueOrDefault(phone);
            if (byThisEmail is not null && byThisPhone is not null && byThisEmail != byThisPhone)
            {
                errors.Add(new ImportRowError(row.Row, "phone", "The email and the phone belong to two different members."));
                continue;
            }

            try
            {
                if ((byThisEmail ?? byThisPhone) is { } member)
                {
                    if (member.HasDetails(details with { HomeBranchId = member.HomeBranchId }))
                    {
                        unchanged++;
                    }
                    else
                    {
                        member.Update(details with { HomeBranchId = member.HomeBranchId }, now);
                        updated++;
                    }
                }
                else
                {
                    Member.Create(0, details, null, now);
                    toCreate.Add((row.Row, details));
                }
            }
            catch (DomainValidationException invalid)
            {
                errors.AddRange(invalid.Errors.SelectMany(e => e.Value.Select(message => new ImportRowError(row.Row, e.Key, message))));
            }
        }

        if (dryRun)
        {
            db.ChangeTracker.Clear();
        }
        else if (toCreate.Count > 0)
        {
            var first = await counters.ReserveAsync(TenantCounters.MemberNumbers, toCreate.Count, ct);
            db.Members.AddRange(toCreate.Select((row, i) => Member.Create((int)first + i, row.Details, null, now)));
        }

        return new BatchOutcome(toCreate.Count, updated, unchanged, [.. errors.OrderBy(e => e.Row)]);
    }
}
