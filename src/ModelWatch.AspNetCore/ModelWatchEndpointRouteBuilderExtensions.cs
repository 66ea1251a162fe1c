using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.AspNetCore.Endpoints;
using ModelWatch.Monitoring;

#pragma warning disable IDE0130 // Beside MapHealthChecks and the other Map* extensions, so it needs no extra using.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Maps ModelWatch's JSON endpoints and HTML dashboard: <c>app.MapModelWatch("/modelwatch")</c>.</summary>
public static class ModelWatchEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the dashboard and the JSON endpoints under <paramref name="prefix"/>.
    /// </summary>
    /// <param name="endpoints">The application's routes.</param>
    /// <param name="prefix">The route prefix, e.g. <c>/modelwatch</c>.</param>
    /// <returns>The route group, to add conventions such as <c>.RequireAuthorization("ops")</c>.</returns>
    /// <remarks>
    /// <para>Routes (all GET), relative to <paramref name="prefix"/>:</para>
    /// <list type="table">
    /// <item><term><c>/</c></term><description>HTML: a page of the models (50 by default), each with its drift state and a link to its page; counts over every model; a search form.</description></item>
    /// <item><term><c>/{model}</c></term><description>HTML: a model's alerts, drift by column, histograms, drift over recent windows and quality over time.</description></item>
    /// <item><term><c>/api/models</c></term><description>JSON: a page of the models (100 by default), their versions, latest verdict and alert state, with the total and the next and previous pages (also in <c>X-Total-Count</c> and <c>Link</c>).</description></item>
    /// <item><term><c>/api/models/{model}</c></term><description>JSON: the latest drift report with per-column results, data-quality counts, the latest quality report and the alert state.</description></item>
    /// <item><term><c>/api/models/{model}/history</c></term><description>JSON: the drift reports of closed windows and the quality reports of closed outcome-arrival windows, oldest first, in pages (<c>limit</c>, default 100; <c>after</c> or <c>before</c> a sub-window).</description></item>
    /// <item><term><c>/{model}/segments/{segment}</c></term><description>HTML: a segmented model's segment: its latest window and drift by column (the model page lists the segments).</description></item>
    /// <item><term><c>/api/models/{model}/segments/{segment}</c></term><description>JSON: a segment's latest drift report (404 for a model that is not segmented).</description></item>
    /// </list>
    /// <para>
    /// Both lists take <c>limit</c> (1–1000), <c>after</c> or <c>before</c> (a model name: models are in
    /// ordinal name order, so pages do not shift when models are added), <c>q</c> (a name substring,
    /// case ignored) and <c>status</c> (<c>alerting</c>, <c>drifting</c> or a status word); an invalid
    /// value answers 400 (a problem from the JSON route, a page from the dashboard).
    /// </para>
    /// <para>
    /// A model's name is one path segment, encoded in two steps (its <c>%</c> and <c>/</c>, then the
    /// result as URL data: <c>team/fraud</c> is <c>team%252Ffraud</c>), so every name a model can have
    /// is reachable; the pages link to each model's page and JSON. An unknown model answers 404: a
    /// problem-details body from the JSON routes, a short HTML page from the dashboard.
    /// </para>
    /// <para>
    /// Every answer of these routes (page, JSON, problem, 404, failure) carries <c>X-Content-Type-Options: nosniff</c>
    /// and <c>Cache-Control: no-store</c>; a 401 or 403 comes from the host's authorization, before
    /// the routes, and carries what the host sets. A handler that fails is logged (event 501) and answers 500 with
    /// a problem that does not describe the error. JSON, problems included, is written by the
    /// package's own serializer settings, never the host's: HTML-sensitive, control and non-ASCII
    /// characters are <c>\u</c> escapes. HTML is rendered on the server, contains no script and loads
    /// nothing from elsewhere; it is sent with <c>Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; img-src data:</c>
    /// (plus <c>base-uri</c> and <c>frame-ancestors</c> 'none', and <c>form-action 'self'</c> for the list's search form).
    /// </para>
    /// <para>
    /// The pages show model statistics (feature names, bin edges, categories): protect the group in
    /// production, e.g. <c>app.MapModelWatch("/modelwatch").RequireAuthorization("ops")</c>.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="prefix"/> is null.</exception>
    /// <exception cref="InvalidOperationException">ModelWatch is not registered (<c>services.AddModelWatch()</c>).</exception>
    public static RouteGroupBuilder MapModelWatch(this IEndpointRouteBuilder endpoints, string prefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } registered && !registered.IsService(typeof(IModelWatch)))
        {
            throw new InvalidOperationException("MapModelWatch: ModelWatch is not registered; call services.AddModelWatch() and declare the models.");
        }

        var group = endpoints.MapGroup(prefix);
        group.MapGet("/", EndpointResponses.Guard(ModelWatchEndpoints.ListPage)).WithDisplayName("ModelWatch dashboard");
        group.MapGet("/api/models", EndpointResponses.Guard(ModelWatchEndpoints.ListJson)).WithDisplayName("ModelWatch models");
        group.MapGet("/api/models/{model}", EndpointResponses.Guard(ModelWatchEndpoints.ModelJson)).WithDisplayName("ModelWatch model");
        group.MapGet("/api/models/{model}/history", EndpointResponses.Guard(ModelWatchEndpoints.HistoryJson)).WithDisplayName("ModelWatch model history");
        group.MapGet("/{model}", EndpointResponses.Guard(ModelWatchEndpoints.ModelPage)).WithDisplayName("ModelWatch model page");
        group.MapGet("/api/models/{model}/segments/{segment}", EndpointResponses.Guard(SegmentEndpoints.SegmentJson)).WithDisplayName("ModelWatch segment");
        group.MapGet("/api/models/{model}/segments/{segment}/history", EndpointResponses.Guard(SegmentEndpoints.SegmentHistoryJson)).WithDisplayName("ModelWatch segment history");
        group.MapGet("/{model}/segments/{segment}", EndpointResponses.Guard(SegmentEndpoints.SegmentPage)).WithDisplayName("ModelWatch segment page");
        return group;
    }
}
