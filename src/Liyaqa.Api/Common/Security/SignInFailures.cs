using Liyaqa.Domain.Common;

namespace Liyaqa.Api.Common.Security;

/// <summary>
/// The log line of every refused sign-in, in the one shape operators search for (docs/OPERATIONS.md):
/// <c>Authentication failed for &lt;email&gt; in tenant &lt;slug&gt;: &lt;reason&gt;</c>, the email masked and clipped.
/// A platform operator's sign-in names the tenant <see cref="Platform"/>, which no club's slug can be.
/// </summary>
internal static class SignInFailures
{
    public const string Platform = "(platform)";

    public static void Log(ILogger log, string? email, string tenant, string reason) =>
        log.LogWarning("Authentication failed for {Email} in tenant {Tenant}: {Reason}", PersonalData.Mask(email), tenant, reason);
}
