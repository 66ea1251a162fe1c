using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.AspNetCore.Dashboard;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>The segment drill-in of a segmented model: its latest report and its history as JSON, and its dashboard page.</summary>
internal static class SegmentEndpoints
{
    public static Task SegmentJson(HttpContext context)
    {
        if (Resolve(context, out var m, out string segment, out var view) is { } notFound)
        {
            return notFound;
        }

        return EndpointResponses.WriteJson(context, new SegmentDetailJson(m.Name, m.CurrentVersion, segment, view.Latest, view.Alerts, view.Quality), ModelWatchJsonContext.Default.SegmentDetailJson);
    }

    public static Task SegmentHistoryJson(HttpContext context)
    {
        if (!HistoryQuery.TryParse(context.Request.Query, out var query, out string error))
        {
            return EndpointResponses.WriteInvalidQuery(context, error);
        }

        if (Resolve(context, out var m, out string segment, out var view) is { } notFound)
        {
            return notFound;
        }

        var page = HistoryPage.Of(query, [.. view.History.Select(r => r.Report.LastSubWindow)]);
        var (next, previous) = ModelWatchEndpoints.HistoryLinks(context, query, page);
        var windows = page.Slice(0, view.History).Select(SegmentWindowJson.Of).ToList();
        return EndpointResponses.WriteJson(context, new SegmentHistoryJson(m.Name, m.CurrentVersion, segment, windows, next, previous), ModelWatchJsonContext.Default.SegmentHistoryJson);
    }

    public static Task SegmentPage(HttpContext context)
    {
        var (watch, time) = Services(context);
        string model = Route(context, "model"), segment = Route(context, "segment");
        var links = DashboardLinks.OfSegmentPage(context);
        var page = new StringWriter();
        if (ModelView.Read(watch, model) is not { } m || !TryRead(watch, m.Name, segment, out var view))
        {
            DashboardPages.UnknownModel(page, model, links, time.GetUtcNow());
            return EndpointResponses.WriteHtml(context, StatusCodes.Status404NotFound, page.ToString());
        }

        DashboardPages.Segment(page, m, segment, view, links, time.GetUtcNow());
        return EndpointResponses.WriteHtml(context, StatusCodes.Status200OK, page.ToString());
    }

    /// <summary>
    /// The route's model and segment read for a JSON response, or the 404 problem to answer instead
    /// (no such model, or a model that is not segmented).
    /// </summary>
    private static Task? Resolve(HttpContext context, out ModelView model, out string segment, out SegmentView view)
    {
        var (watch, _) = Services(context);
        string name = Route(context, "model");
        segment = Route(context, "segment");
        view = null!;
        if (ModelView.Read(watch, name) is not { } m)
        {
            model = null!;
            return NotFound(context, "Unknown model", $"No model named '{name}' is monitored.");
        }

        model = m;
        return TryRead(watch, m.Name, segment, out view) ? null : NotFound(context, "Model not segmented", $"Model '{m.Name}' is not segmented.");
    }

    /// <summary>Reads a segment's state once for the response; false when the model is not segmented.</summary>
    private static bool TryRead(IModelWatch watch, string model, string segment, out SegmentView view)
    {
        try
        {
            view = new SegmentView(
                watch.GetLatestReport(model, segment),
                watch.GetLatestQualityReport(model, segment),
                new AlertsJson(watch.IsAlertActive(model, segment), watch.IsQualityAlertActive(model, segment)),
                watch.GetSegmentHistory(model, segment));
            return true;
        }
        catch (InvalidOperationException)
        {
            view = null!;
            return false; // not segmented
        }
    }

    private static Task NotFound(HttpContext context, string title, string detail) =>
        EndpointResponses.WriteProblem(context, new ProblemJson("https://tools.ietf.org/html/rfc9110#section-15.5.5", title, StatusCodes.Status404NotFound, detail));

    private static (IModelWatch Watch, TimeProvider Time) Services(HttpContext context) =>
        (context.RequestServices.GetRequiredService<IModelWatch>(), context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System);

    private static string Route(HttpContext context, string name) =>
        context.Request.RouteValues[name] is string value ? ModelPathSegment.Decode(value) : string.Empty;
}
