using Liyaqa.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace Liyaqa.Api.Common.Security;

/// <summary>Roles of the platform itself, outside any club.</summary>
public static class Roles
{
    /// <summary>
    /// Runs the platform itself: provisions clubs, reads management endpoints. Held by operator accounts
    /// (signed in at /api/platform/auth/login) and by the management token. Never a club's user.
    /// </summary>
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
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AccessTokens>();
        builder.Services.AddScoped<SessionValidator>();
        builder.Services.AddSingleton<IAuthorizationHandler, ActiveTenantHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = AuthOptions.Issuer,
                    ValidAudience = AuthOptions.Audience,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = AccessTokens.Claims.Email,
                    RoleClaimType = AccessTokens.Claims.Role,
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context => context.HttpContext.RequestServices.GetRequiredService<SessionValidator>().ValidateAsync(context),
                };
            })
            .AddScheme<ManagementTokenOptions, ManagementTokenAuthenticationHandler>(
                ManagementTokenOptions.Scheme,
                options => options.Token = builder.Configuration["Management:Token"]);

        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyRing>((options, keys) =>
                options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, kid, _) => keys.ValidationKeys(kid));

        var authorization = builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.PlatformOperator, policy => policy
                .AddAuthenticationSchemes(ManagementTokenOptions.Scheme, JwtBearerDefaults.AuthenticationScheme)
                .RequireRole(Roles.PlatformOperator));
        foreach (var (permission, roles) in Permissions.Matrix)
        {
            // The management token is recognised here too, so that it is refused as what it is (403), not as no credential (401).
            authorization.AddPolicy(permission, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, ManagementTokenOptions.Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new ActiveTenantRequirement())
                .RequireRole(roles.Select(r => r.ToString())));
        }

        return builder;
    }
}
