using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Features.AuditLog;
using Liyaqa.Api.Features.Auth;
using Liyaqa.Api.Features.Billing;
using Liyaqa.Api.Features.Billing.Gateway;
using Liyaqa.Api.Features.Branches;
using Liyaqa.Api.Features.CheckIns;
using Liyaqa.Api.Features.Classes;
using Liyaqa.Api.Features.Diagnostics;
using Liyaqa.Api.Features.Maintenance;
using Liyaqa.Api.Features.Members;
using Liyaqa.Api.Features.Notifications;
using Liyaqa.Api.Features.Operations;
using Liyaqa.Api.Features.Plans;
using Liyaqa.Api.Features.PlatformOperators;
using Liyaqa.Api.Features.PlatformSecurity;
using Liyaqa.Api.Features.Subscriptions;
using Liyaqa.Api.Features.Tenants;
using Liyaqa.Api.Features.Users;
using Liyaqa.Infrastructure.Jobs;
using Liyaqa.ServiceDefaults;

namespace Liyaqa.Api.Features;

/// <summary>The table of contents of the API's features.</summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddSingleton(BuildInfo.FromAssembly(typeof(FeatureRegistration).Assembly));
        services.AddScoped<TokenIssuer>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<TenantProvisioner>();
        services.AddScoped<TenantChanges>();
        services.AddScoped<AccountChanges>();
        services.AddScoped<PlatformOperatorAccounts>();
        services.AddScoped<SubscriptionChanges>();
        services.AddScoped<ClassPlaces>();
        services.AddScoped<ClassMessages>();
        services.AddScoped<Outbox>();
        services.AddScoped<MemberStatuses>();
        services.AddHostedService<MemberMetrics>();
        services.AddScoped<Invoicing>();
        services.AddScoped<RenewalCollections>();
        services.AddScoped<GatewayCharges>();
        services.AddPaymentGateway();
        services.AddScoped<Reports>();
        services.AddOptions<CheckInOptions>().BindConfiguration(CheckInOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<CheckInOptions>>().Value);
        services.AddSingleton<CheckInPasses>();
        services.AddCountersAtStart(SecurityMetrics.PublishAtZero);
        services.AddCountersAtStart(CheckInEndpoints.PublishAtZero);
        services.AddCountersAtStart(BookingMetrics.PublishAtZero);
        services.AddCountersAtStart(NoShowJob.PublishAtZero);
        return services;
    }

    /// <summary>The features' recurring jobs, handed to the scheduler's registration.</summary>
    public static void ScheduleJobs(CronJobs jobs)
    {
        HousekeepingJob.Schedule(jobs);
        MembershipLifecycleJob.Schedule(jobs);
        ClassReminderJob.Schedule(jobs);
        NoShowJob.Schedule(jobs);
        WaitlistCutoffJob.Schedule(jobs);
        RenewalCollectionJob.Schedule(jobs);
    }

    public static WebApplication MapFeatures(this WebApplication app)
    {
        app.MapAuth();
        app.MapTenants();
        app.MapClubProfile();
        app.MapPlatformSecurity();
        app.MapPlatformOperators();
        app.MapUsers();
        app.MapAuditLog();
        app.MapMessageTemplates();
        app.MapBranches();
        app.MapMemberImports();
        app.MapMembers();
        app.MapMemberSummary();
        app.MapMemberSelfService();
        app.MapPlans();
        app.MapSubscriptions();
        app.MapCheckIns();
        app.MapClasses();
        app.MapRooms();
        app.MapTrainers();
        app.MapClassSeries();
        app.MapBookings();
        app.MapMemberBookings();
        app.MapBookingPolicy();
        app.MapCharges();
        app.MapInvoices();
        app.MapPayments();
        app.MapCardPayments();
        app.MapGatewayWebhook();
        app.MapStatements();
        app.MapDayClose();
        app.MapReports();
        BillingMetrics.Initialise();
        app.MapMyClasses();
        app.MapMaintenance();
        app.MapFaultInjection();
        return app;
    }
}
