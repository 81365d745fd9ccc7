using System.Text.Json.Nodes;
using Liyaqa.Api.Common.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Liyaqa.Api.Common;

/// <summary>
/// Writes each operation's access rule into the OpenAPI document: <c>x-liyaqa-policy</c> (the policy, or
/// <c>anonymous</c>) and, for club permissions, <c>x-liyaqa-roles</c>. Clients see who may call what, and
/// the endpoint-security test checks every operation against it.
/// </summary>
internal static class PermissionsInOpenApi
{
    public static Task DescribeAccessAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-liyaqa-policy"] = new JsonNodeExtension(JsonValue.Create(anonymous ? "anonymous" : policy ?? "none"));
        if (!anonymous && policy is not null && Permissions.Matrix.TryGetValue(policy, out var roles))
        {
            operation.Extensions["x-liyaqa-roles"] = new JsonNodeExtension(new JsonArray([.. roles.Select(r => (JsonNode)JsonValue.Create(r.ToString()))]));
        }

        return Task.CompletedTask;
    }
}
