using Microsoft.AspNetCore.Authentication;

namespace Liyaqa.Api.Common.Security;

/// <summary>Roles that authorization policies are built from.</summary>
public static class Roles
{
    /// <summary>Runs the platform itself: provisions clubs, reads management endpoints. Never a club's user.</summary>
    public const string PlatformOperator = "PlatformOperator";
}

/// <summary>Named authorization policies; every endpoint declares one of them (or is explicitly anonymous).</summary>
public static class Policies
{
    public const string PlatformOperator = nameof(PlatformOperator);
}

internal static class SecurityRegistration
{
    public static WebApplicationBuilder AddLiyaqaSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(ManagementTokenOptions.Scheme)
            .AddScheme<ManagementTokenOptions, ManagementTokenAuthenticationHandler>(
                ManagementTokenOptions.Scheme,
                options => options.Token = builder.Configuration["Management:Token"]);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.PlatformOperator, policy => policy
                .AddAuthenticationSchemes(ManagementTokenOptions.Scheme)
                .RequireRole(Roles.PlatformOperator));
        return builder;
    }
}
