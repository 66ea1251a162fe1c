using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.AspNetCore.Dashboard;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>The request handlers behind <c>MapModelWatch</c>; they answer through <see cref="EndpointResponses"/>.</summary>
/// <remarks>
/// Handlers are plain <see cref="RequestDelegate"/>s writing through the source-generated JSON
/// context, so no handler needs the reflection-based minimal-API binder and the package stays AOT-clean.
/// </remarks>
internal static class ModelWatchEndpoints
{
    /// <summary>How many models a JSON page holds unless the request sets <c>limit</c>.</summary>
    internal const int JsonPageSize = 100;

    /// <summary>How many models a dashboard page holds unless the request sets <c>limit</c>.</summary>
    internal const int DashboardPageSize = 50;

    public static Task ListJson(HttpContext context)
    {
        var (watch, time) = Services(context);
        if (!ModelListQuery.TryParse(context.Request.Query, JsonPageSize, out var query, out string error))
        {
            return EndpointResponses.WriteInvalidQuery(context, error);
        }

        var page = ModelListPage.Read(watch, query);
        string path = EndpointResponses.RequestPath(context);
        var (next, previous) = EndpointResponses.PageLinks(
            context,
            page.Next is { } n ? query.Link(path, n) : null,
            page.Previous is { } p ? query.Link(path, p) : null);
        context.Response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var models = page.Models.Select(JsonMapping.Summary).ToList();
        return EndpointResponses.WriteJson(context, new ModelListJson(time.GetUtcNow(), page.Total, page.Summary, next, previous, models), ModelWatchJsonContext.Default.ModelListJson);
    }

    public static Task ModelJson(HttpContext context) => WriteModelJson(
        context,
        (_, m) => new ModelDetailJson(
            m.Name,
            m.CurrentVersion,
            m.Versions,
            new AlertsJson(m.DriftAlert, m.QualityAlert),
            m.Latest,
            m.Quality),
        ModelWatchJsonContext.Default.ModelDetailJson);

    public static Task HistoryJson(HttpContext context)
    {
        if (!HistoryQuery.TryParse(context.Request.Query, out var query, out string error))
        {
            return EndpointResponses.WriteInvalidQuery(context, error);
        }

        return WriteModelJson(
            context,
            (watch, m) =>
            {
                var drift = watch.GetHistory(m.Name);
                var quality = watch.GetQualityHistory(m.Name, QualityWindowBasis.OutcomeArrival);
                var page = HistoryPage.Of(query, [.. drift.Select(r => r.LastSubWindow)], [.. quality.Select(r => r.LastSubWindow)]);
                var (next, previous) = HistoryLinks(context, query, page);
                return new ModelHistoryJson(m.Name, m.CurrentVersion, page.Slice(0, drift), page.Slice(1, quality), next, previous);
            },
            ModelWatchJsonContext.Default.ModelHistoryJson);
    }

    /// <summary>The links of a history page's neighbours, also set as its <c>Link</c> header.</summary>
    internal static (string? Next, string? Previous) HistoryLinks(HttpContext context, HistoryQuery query, HistoryPage page)
    {
        string path = EndpointResponses.RequestPath(context);
        return EndpointResponses.PageLinks(
            context,
            page.HasNext ? query.Link(path, page.NextAfter, null) : null,
            page.HasPrevious ? query.Link(path, null, page.PreviousBefore) : null);
    }

    public static Task ListPage(HttpContext context)
    {
        var (watch, time) = Services(context);
        var links = DashboardLinks.OfListPage(context);
        var page = new StringWriter();
        if (!ModelListQuery.TryParse(context.Request.Query, DashboardPageSize, out var query, out string error))
        {
            DashboardPages.InvalidQuery(page, error, links, time.GetUtcNow());
            return EndpointResponses.WriteHtml(context, StatusCodes.Status400BadRequest, page.ToString());
        }

        DashboardPages.ModelList(page, ModelListPage.Read(watch, query), query, links, time.GetUtcNow());
        return EndpointResponses.WriteHtml(context, StatusCodes.Status200OK, page.ToString());
    }

    public static Task ModelPage(HttpContext context)
    {
        var (watch, time) = Services(context);
        var links = DashboardLinks.OfModelPage(context);
        var page = new StringWriter();
        if (Find(context, watch) is not { } m)
        {
            DashboardPages.UnknownModel(page, RequestedName(context), links, time.GetUtcNow());
            return EndpointResponses.WriteHtml(context, StatusCodes.Status404NotFound, page.ToString());
        }

        DashboardPages.Model(page, m, watch.GetHistory(m.Name), watch.GetQualityHistory(m.Name, QualityWindowBasis.OutcomeArrival), watch.GetQualityHistory(m.Name, QualityWindowBasis.PredictionTime), links, time.GetUtcNow());
        return EndpointResponses.WriteHtml(context, StatusCodes.Status200OK, page.ToString());
    }

    private static (IModelWatch Watch, TimeProvider Time) Services(HttpContext context) =>
        (context.RequestServices.GetRequiredService<IModelWatch>(), context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System);

    /// <summary>The model name the route carries (see <see cref="ModelPathSegment"/>).</summary>
    private static string RequestedName(HttpContext context) =>
        context.Request.RouteValues["model"] is string value ? ModelPathSegment.Decode(value) : string.Empty;

    private static ModelView? Find(HttpContext context, IModelWatch watch) => ModelView.Read(watch, RequestedName(context));

    /// <summary>Answers with the JSON of the model the route names, or a problem (404) when no model has that name.</summary>
    private static Task WriteModelJson<T>(HttpContext context, Func<IModelWatch, ModelView, T> read, JsonTypeInfo<T> type)
    {
        var (watch, _) = Services(context);
        return Find(context, watch) is { } model
            ? EndpointResponses.WriteJson(context, read(watch, model), type)
            : EndpointResponses.WriteProblem(context, new ProblemJson(
                "https://tools.ietf.org/html/rfc9110#section-15.5.5",
                "Unknown model",
                StatusCodes.Status404NotFound,
                $"No model named '{RequestedName(context)}' is monitored."));
    }
}
