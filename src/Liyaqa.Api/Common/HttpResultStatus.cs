namespace Liyaqa.Api.Common;

/// <summary>The status code an endpoint's result will answer with, looking inside <c>Results&lt;…&gt;</c> unions.</summary>
public static class HttpResultStatus
{
    /// <summary>The result a <c>Results&lt;…&gt;</c> union carries, or the result itself.</summary>
    public static object? Unwrap(object? result) => result is INestedHttpResult nested ? nested.Result : result;

    /// <summary>The status code of <paramref name="result"/>; 200 for results that do not say (plain values).</summary>
    public static int Of(object? result) => Unwrap(result) is IStatusCodeHttpResult { StatusCode: { } status } ? status : StatusCodes.Status200OK;
}
