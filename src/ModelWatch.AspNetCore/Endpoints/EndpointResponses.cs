using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// How the routes of <c>MapModelWatch</c> answer: the headers every response carries, JSON,
/// problem details and HTML, and the answer when a handler fails.
/// </summary>
internal static class EndpointResponses
{
    // default-src 'none' blocks scripts, frames, fonts, connections and images; the pages need only
    // their inline style block and inline SVG (which is markup, not an image fetch). Forms may submit
    // only to the application itself: the model list's search form (GET, no script).
    internal const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Wraps a route's handler so that every response it gives — page, JSON, problem, 404, failure —
    /// is never sniffed as another type nor stored by a cache, and a handler that throws before it
    /// has answered is logged and answers 500 with a problem that says nothing of the exception.
    /// </summary>
    public static RequestDelegate Guard(RequestDelegate handler) => async context =>
    {
        SetCommonHeaders(context.Response);
        try
        {
            await handler(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var logger = (context.RequestServices.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("ModelWatch.AspNetCore.Endpoints");
            Log.EndpointFailed(logger, e, context.GetEndpoint()?.DisplayName ?? "ModelWatch");
            context.Response.Clear();
            SetCommonHeaders(context.Response);
            await WriteProblem(context, new ProblemJson(
                "https://tools.ietf.org/html/rfc9110#section-15.6.1",
                "ModelWatch failed",
                StatusCodes.Status500InternalServerError,
                "The request failed; the error is in the application's log.")).ConfigureAwait(false);
        }
    };

    public static async Task WriteJson<T>(HttpContext context, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Answers with a problem, serialized by the package's own JSON context (not the host's options), so its text is escaped as in every other JSON answer.</summary>
    public static async Task WriteProblem(HttpContext context, ProblemJson problem)
    {
        context.Response.StatusCode = problem.Status;
        context.Response.ContentType = "application/problem+json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, ModelWatchJsonContext.Default.ProblemJson, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteHtml(HttpContext context, int status, string html)
    {
        var headers = context.Response.Headers;
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        return context.Response.WriteAsync(html, Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>
    /// Sets the <c>Link</c> header (RFC 8288) of a paged answer from the URLs of its neighbouring pages,
    /// and returns them for the body (null at either end).
    /// </summary>
    public static (string? Next, string? Previous) PageLinks(HttpContext context, string? next, string? previous)
    {
        string? link = (next, previous) switch
        {
            (null, null) => null,
            (_, null) => $"<{next}>; rel=\"next\"",
            (null, _) => $"<{previous}>; rel=\"prev\"",
            _ => $"<{next}>; rel=\"next\", <{previous}>; rel=\"prev\"",
        };
        if (link is not null)
        {
            context.Response.Headers.Link = link;
        }

        return (next, previous);
    }

    /// <summary>The path of the request, encoded for a URL, to which a paged answer's links add their query.</summary>
    public static string RequestPath(HttpContext context) => (context.Request.PathBase + context.Request.Path).ToUriComponent();

    /// <summary>The 400 problem of a request whose query string is invalid; <paramref name="detail"/> says which parameter and why.</summary>
    public static Task WriteInvalidQuery(HttpContext context, string detail) => WriteProblem(context, new ProblemJson(
        "https://tools.ietf.org/html/rfc9110#section-15.5.1", "Invalid query", StatusCodes.Status400BadRequest, detail));

    private static void SetCommonHeaders(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
    }
}
