using Liyaqa.Domain.Tenancy;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Auditing;
using Liyaqa.Infrastructure.Health;
using Liyaqa.Infrastructure.Identity;
using Liyaqa.Infrastructure.Jobs;
using Liyaqa.Infrastructure.Notifications;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.RateLimiting;
using Liyaqa.Infrastructure.Tenancy;
using Liyaqa.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Liyaqa.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// PostgreSQL (EF Core, tenancy, migrations), Redis, mail and SMS delivery, the clustered scheduler (the
    /// features' jobs added by <paramref name="scheduleJobs"/>) and the health checks.
    /// </summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder, Action<CronJobs> scheduleJobs)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        var connectionStrings = LiyaqaConnectionStrings.From(
            builder.Configuration.GetConnectionString(LiyaqaResources.Database)
                ?? throw new InvalidOperationException($"ConnectionStrings:{LiyaqaResources.Database} is not set."),
            builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions());
        builder.Services.AddSingleton(connectionStrings);

        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        builder.Services.AddSingleton<TenantTransactionInterceptor>();
        builder.Services.AddSingleton<TenantCommandInterceptor>();
        builder.Services.AddSingleton<DatabaseCircuitBreaker>();
        builder.Services.AddSingleton<ConnectionSlots>();
        builder.Services.AddSingleton<DatabaseCircuitInterceptor>();
        builder.Services.AddSingleton<AuditingInterceptor>();
        builder.Services.AddSingleton<ClubSettingsCache>();
        builder.Services.AddSingleton<ClubSettingsInvalidation>();

        // Pooled: a request takes a context built once (its options, services and interceptors) and names its club
        // and actor on it, instead of building one per request (a tenth of a simple read's CPU).
        builder.Services.AddPooledDbContextFactory<LiyaqaDbContext>((sp, options) =>
        {
            LiyaqaDbContextFactory.Configure(options, sp.GetRequiredService<LiyaqaConnectionStrings>().Application);
            options.AddInterceptors(
                sp.GetRequiredService<DatabaseCircuitInterceptor>(),
                sp.GetRequiredService<TenantTransactionInterceptor>(),
                sp.GetRequiredService<TenantCommandInterceptor>(),
                sp.GetRequiredService<AuditingInterceptor>(),
                sp.GetRequiredService<ClubSettingsInvalidation>());
        });
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<LiyaqaDbContext>>().CreateDbContext()
            .ActingFor(sp.GetRequiredService<TenantContext>(), sp.GetService<IAuditActorAccessor>()));
        builder.EnrichNpgsqlDbContext<LiyaqaDbContext>(settings =>
        {
            // Our own checks name the components; retries are off because requests run in explicit transactions.
            settings.DisableHealthChecks = true;
            settings.DisableRetry = true;
        });
        builder.Services.AddSingleton<DatabaseMigrator>();

        // Redis holds caches and counters only: while it is unreachable, commands fail at once (no backlog
        // waiting for a reconnect) and their callers fall back to PostgreSQL or per-instance state.
        builder.AddRedisClient(LiyaqaResources.Cache, settings => settings.DisableHealthChecks = true, options =>
        {
            options.AbortOnConnectFail = false;
            options.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast;
            // Reads and writes on the .NET thread pool: the client's own ten dedicated threads ran every awaiting
            // request's continuation on a 2-core box (a third of the API's CPU time in a GET profile).
            options.SocketManager = StackExchange.Redis.SocketManager.ThreadPool;
        });

        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .PostConfigure(options => options.JwtSecret ??= builder.Configuration["JWT_SECRET"])
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuthOptions>>().Value);
        builder.Services.AddSingleton(sp =>
        {
            var auth = sp.GetRequiredService<AuthOptions>();
            return new LockoutPolicy(auth.LockoutMaxFailedAttempts, auth.LockoutDuration);
        });
        builder.Services.AddSingleton<IPasswordHasher, PasswordHasher>();
        builder.Services.AddSingleton<SigningKeyRing>();
        builder.Services.AddSingleton<SessionStateCache>();
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        builder.Services.AddSingleton<RedisRateLimiter>();
        builder.Services.AddSingleton<SharedRequestCounters>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SharedRequestCounters>());

        builder.Services.AddOptions<SmtpOptions>()
            .BindConfiguration("Smtp")
            .PostConfigure(options =>
            {
                // The runbook's variables win over the Smtp section.
                var configuration = builder.Configuration;
                options.Host = configuration["SMTP_HOST"] ?? options.Host;
                options.Port = int.TryParse(configuration["SMTP_PORT"], out var port) ? port : options.Port;
                options.Username = configuration["SMTP_USERNAME"] ?? options.Username;
                options.Password = configuration["SMTP_PASSWORD"] ?? options.Password;
            })
            .ValidateDataAnnotations();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value);
        builder.Services.AddOptions<DispatchOptions>().BindConfiguration(DispatchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DispatchOptions>>().Value);
        builder.Services.AddSingleton<SmtpMailer>();
        builder.Services.AddOptions<SmsOptions>().BindConfiguration("Sms");
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<SmsOptions>>().Value);
        // Retries belong to the outbox, not to the HTTP client: a retried POST could send a text twice.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation.
        builder.Services.AddHttpClient<SmsGateway>().RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddScoped<TenantCounters>();
        builder.Services.AddHostedService<NotificationDispatcher>();
        builder.Services.AddCountersAtStart(NotificationDispatcher.PublishAtZero);
        builder.AddScheduledJobs(connectionStrings, scheduleJobs);

        CapacityMetrics.Watch(builder.Environment.ContentRootPath);
        // Readiness answers within a second whatever the backing services do: each check gives up on its own.
        var readinessCheckTimeout = TimeSpan.FromMilliseconds(800);
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(HealthComponents.Database, tags: [ServiceDefaultsExtensions.ReadyTag], timeout: readinessCheckTimeout)
            .AddCheck<CacheHealthCheck>(HealthComponents.Cache, HealthStatus.Degraded, tags: [ServiceDefaultsExtensions.ReadyTag], timeout: readinessCheckTimeout)
            .AddCheck<DiskSpaceHealthCheck>(HealthComponents.DiskSpace)
            .AddCheck<MailHealthCheck>(HealthComponents.Mail, HealthStatus.Degraded)
            .AddCheck<JobsHealthCheck>(HealthComponents.Jobs, HealthStatus.Degraded);
        return builder;
    }

    /// <summary>Applies migrations and the application role before the host serves requests.</summary>
    public static Task MigrateDatabaseAsync(this IHost host, CancellationToken cancellationToken = default) =>
        host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
}
