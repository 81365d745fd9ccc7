using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Liyaqa.Api.Common.Security;

/// <summary>The operators' credential for management endpoints: <c>Authorization: Bearer &lt;Management:Token&gt;</c>.</summary>
public sealed class ManagementTokenOptions : AuthenticationSchemeOptions
{
    public const string Scheme = "ManagementToken";

    public string? Token { get; set; }
}

/// <summary>
/// Signs in a platform operator who presents the configured management token. Any other bearer token is
/// left to the other schemes; with no token configured, nobody gets in this way.
/// </summary>
internal sealed class ManagementTokenAuthenticationHandler(
    IOptionsMonitor<ManagementTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ManagementTokenOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(Options.Token) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        if (!CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(Options.Token)))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "platform-operator"), new Claim(ClaimTypes.Role, Roles.PlatformOperator)],
            ManagementTokenOptions.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
