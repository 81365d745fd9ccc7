using Liyaqa.Domain.Users;

namespace Liyaqa.Api.Common.Security;

/// <summary>
/// The permission matrix: which club roles may do what. Every tenant endpoint requires one permission;
/// each permission is an authorization policy of the same name. docs/PERMISSIONS.md shows this table.
/// </summary>
public static class Permissions
{
    /// <summary>Any signed-in user of an active club (their own profile, password, sessions).</summary>
    public const string SignedIn = "signed-in";

    public const string UsersRead = "users.read";
    public const string UsersManage = "users.manage";
    public const string SessionsRevoke = "sessions.revoke";
    public const string AuditRead = "audit.read";
    public const string TemplatesRead = "templates.read";
    public const string TemplatesManage = "templates.manage";
    public const string BranchesRead = "branches.read";
    public const string BranchesManage = "branches.manage";
    public const string MembersRead = "members.read";
    public const string MembersManage = "members.manage";
    public const string MembersImport = "members.import";
    public const string PlansRead = "plans.read";
    public const string PlansManage = "plans.manage";
    public const string SubscriptionsManage = "subscriptions.manage";
    public const string CheckInsManage = "checkins.manage";
    public const string ClassesRead = "classes.read";
    public const string ClassesManage = "classes.manage";

    /// <summary>A trainer's profile: those who manage classes change any, a trainer only their own.</summary>
    public const string TrainerProfilesEdit = "trainer-profiles.edit";
    public const string BookingsCreate = "bookings.create";
    public const string AttendanceMark = "attendance.mark";
    public const string ChargesRead = "charges.read";
    public const string ChargesWaive = "charges.waive";
    public const string InvoicesRead = "invoices.read";
    public const string InvoicesManage = "invoices.manage";
    public const string PaymentsRecord = "payments.record";

    /// <summary>Credit notes and refunds: taking money or a claim back.</summary>
    public const string CreditNotesIssue = "credit-notes.issue";
    public const string BillingSettings = "billing.settings";

    /// <summary>The club's own profile: its name and time zone.</summary>
    public const string ClubSettings = "club.settings";

    /// <summary>The club's revenue, VAT, ageing and payments reports.</summary>
    public const string ReportsRead = "reports.read";

    /// <summary>A member's own membership in the member app: status, freezes within the plan's rules, entry pass.</summary>
    public const string MemberSelfService = "member.self";

    private static readonly Role[] Staff = [Role.Owner, Role.Admin, Role.Manager, Role.FrontDesk, Role.Trainer];

    public static IReadOnlyDictionary<string, Role[]> Matrix { get; } = new Dictionary<string, Role[]>
    {
        [SignedIn] = [.. Staff, Role.Member],
        [UsersRead] = [Role.Owner, Role.Admin, Role.Manager],
        [UsersManage] = [Role.Owner, Role.Admin],
        [SessionsRevoke] = [Role.Owner, Role.Admin],
        [AuditRead] = [Role.Owner, Role.Admin],
        [TemplatesRead] = [Role.Owner, Role.Admin, Role.Manager],
        [TemplatesManage] = [Role.Owner, Role.Admin],
        [BranchesRead] = Staff,
        [BranchesManage] = [Role.Owner, Role.Admin],
        [MembersRead] = Staff,
        [MembersManage] = [Role.Owner, Role.Admin, Role.Manager, Role.FrontDesk],
        [MembersImport] = [Role.Owner, Role.Admin, Role.Manager],
        [PlansRead] = Staff,
        [PlansManage] = [Role.Owner, Role.Admin, Role.Manager],
        [SubscriptionsManage] = [Role.Owner, Role.Admin, Role.Manager, Role.FrontDesk],
        [CheckInsManage] = [Role.Owner, Role.Admin, Role.Manager, Role.FrontDesk],
        [ClassesRead] = [.. Staff, Role.Member],
        [ClassesManage] = [Role.Owner, Role.Admin, Role.Manager],
        [TrainerProfilesEdit] = [Role.Owner, Role.Admin, Role.Manager, Role.Trainer],
        [BookingsCreate] = [Role.Owner, Role.Admin, Role.Manager, Role.FrontDesk, Role.Member],
        [AttendanceMark] = Staff,
        [ChargesRead] = [Role.Owner, Role.Admin, Role.Manager, Role.FrontDesk],
        [ChargesWaive] = [Role.Owner, Role.Admin, Role.Manager],
        [InvoicesRead] = [Role.Owner, Role.Admin, Role.Manager, Role.FrontDesk],
        [InvoicesManage] = [Role.Owner, Role.Admin, Role.Manager, Role.FrontDesk],
        [PaymentsRecord] = [Role.Owner, Role.Admin, Role.Manager, Role.FrontDesk],
        [CreditNotesIssue] = [Role.Owner, Role.Admin, Role.Manager],
        [BillingSettings] = [Role.Owner, Role.Admin],
        [ClubSettings] = [Role.Owner, Role.Admin],
        [ReportsRead] = [Role.Owner, Role.Admin, Role.Manager],
        [MemberSelfService] = [Role.Member],
    };
}
