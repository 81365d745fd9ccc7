using Liyaqa.Api.Common.Boundary;
using Liyaqa.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;

namespace Liyaqa.Api.Common;

/// <summary>
/// The one place exceptions become responses: domain refusals and bad requests get their 4xx problem,
/// anything else a 500 problem with a trace id and nothing internal.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            DomainValidationException invalid => new HttpValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more values are invalid.",
            },
            DomainRuleException refused => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The request breaks a rule.",
                Detail = refused.Message,
                Extensions = { ["code"] = refused.Code },
            },
            DomainConflictException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The request conflicts with the current state.",
                Detail = conflict.Message,
            },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The request conflicts with the current state.",
                Detail = "The record was changed by someone else at the same time; load it again and retry.",
            },
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The request conflicts with the current state.",
                Detail = "A record with the same unique value already exists.",
            },
            _ when IsBackingServiceOutage(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "A backing service is unavailable.",
                Detail = "The database or cache cannot be reached right now; try again shortly.",
            },
            BadHttpRequestException { InnerException: RefusedValueException refused } => new HttpValidationProblemDetails(
                refused.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more values are invalid.",
            },
            BadHttpRequestException badRequest => new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = "The request is malformed.",
                Detail = DescribeBadRequest(badRequest),
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = "The error has been logged; quote the trace id when you contact support.",
            },
        };

        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>PostgreSQL or Redis cannot be reached (EF wraps the driver's exception, so look down the chain).</summary>
    private static bool IsBackingServiceOutage(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is NpgsqlException { IsTransient: true } or RedisConnectionException or RedisTimeoutException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }

    private static string DescribeBadRequest(BadHttpRequestException exception) =>
        exception.InnerException is System.Text.Json.JsonException
            ? "The request body is not valid JSON for this endpoint."
            : exception.Message;
}
