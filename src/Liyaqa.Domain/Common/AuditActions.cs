namespace Liyaqa.Domain.Common;

/// <summary>The audit log's action names, as operators query them (<c>audit_log.action</c>).</summary>
public static class AuditActions
{
    public const string LoginSuccess = "LOGIN_SUCCESS";
    public const string LoginFailed = "LOGIN_FAILED";
    public const string AccountLocked = "ACCOUNT_LOCKED";
    public const string Logout = "LOGOUT";
    public const string RefreshTokenReused = "REFRESH_TOKEN_REUSED";
    public const string PasswordChanged = "PASSWORD_CHANGED";
    public const string PasswordReset = "PASSWORD_RESET";
    public const string SessionsRevoked = "SESSIONS_REVOKED";
    public const string UserCreated = "USER_CREATED";
    public const string UserDisabled = "USER_DISABLED";
    public const string UserEnabled = "USER_ENABLED";
    public const string RoleChanged = "ROLE_CHANGED";
    public const string TenantProvisioned = "TENANT_PROVISIONED";
    public const string TenantSuspended = "TENANT_SUSPENDED";
    public const string TenantReactivated = "TENANT_REACTIVATED";
    public const string MessageTemplateChanged = "MESSAGE_TEMPLATE_CHANGED";
    public const string MessageTemplateReset = "MESSAGE_TEMPLATE_RESET";
    public const string BranchCreated = "BRANCH_CREATED";
    public const string BranchUpdated = "BRANCH_UPDATED";
    public const string MemberCreated = "MEMBER_CREATED";
    public const string LeadCreated = "LEAD_CREATED";
    public const string MemberUpdated = "MEMBER_UPDATED";
    public const string MemberArchived = "MEMBER_ARCHIVED";
    public const string MemberStatusChanged = "MEMBER_STATUS_CHANGED";
    public const string MemberImportQueued = "MEMBER_IMPORT_QUEUED";
    public const string MemberImportFinished = "MEMBER_IMPORT_FINISHED";
    public const string PlanCreated = "PLAN_CREATED";
    public const string PlanUpdated = "PLAN_UPDATED";
    public const string SubscriptionSold = "SUBSCRIPTION_SOLD";
    public const string SubscriptionCancelled = "SUBSCRIPTION_CANCELLED";
    public const string SubscriptionFrozen = "SUBSCRIPTION_FROZEN";
    public const string SubscriptionUnfrozen = "SUBSCRIPTION_UNFROZEN";
    public const string SubscriptionPlanChanged = "SUBSCRIPTION_PLAN_CHANGED";
    public const string ClassTypeCreated = "CLASS_TYPE_CREATED";
    public const string ClassSessionScheduled = "CLASS_SESSION_SCHEDULED";
    public const string ClassSessionChanged = "CLASS_SESSION_CHANGED";
    public const string ClassSeriesCreated = "CLASS_SERIES_CREATED";
    public const string ClassSeriesChanged = "CLASS_SERIES_CHANGED";
    public const string ClassSessionCancelled = "CLASS_SESSION_CANCELLED";
    public const string RoomCreated = "ROOM_CREATED";
    public const string RoomChanged = "ROOM_CHANGED";
    public const string RoomDeactivated = "ROOM_DEACTIVATED";
    public const string RoomActivated = "ROOM_ACTIVATED";
    public const string TrainerProfileChanged = "TRAINER_PROFILE_CHANGED";
    public const string BookingCreated = "BOOKING_CREATED";
    public const string BookingWaitlisted = "BOOKING_WAITLISTED";
    public const string BookingPromoted = "BOOKING_PROMOTED";
    public const string BookingCancelled = "BOOKING_CANCELLED";
    public const string BookingAttended = "BOOKING_ATTENDED";
    public const string BookingNoShow = "BOOKING_NO_SHOW";
}
