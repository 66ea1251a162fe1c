using Microsoft.AspNetCore.Http;
using ModelWatch.AspNetCore.Endpoints;

namespace ModelWatch.AspNetCore.Dashboard;

/// <summary>
/// The links of the dashboard's pages, absolute from the root of the <c>MapModelWatch</c> group as
/// the request reached it (path base included), so they resolve the same from <c>/modelwatch</c>
/// and <c>/modelwatch/</c>. Model names go into them through <see cref="ModelPathSegment"/>.
/// </summary>
/// <remarks>The paths match the routes <c>MapModelWatch</c> maps; change the two together.</remarks>
internal sealed class DashboardLinks
{
    private readonly string _root;

    private DashboardLinks(string root) => _root = root;

    /// <summary>Gets the list page (the group's root).</summary>
    public string List => _root.Length == 0 ? "/" : _root;

    /// <summary>Gets the JSON list of the models.</summary>
    public string ModelsJson => $"{_root}/api/models";

    /// <summary>Another page of the model list, with the same search, filter and page size.</summary>
    public string ListPage(ModelListQuery query, PageCursor cursor) => query.Link(List, cursor);

    /// <summary>The JSON of a page of the model list, with the same search, filter and page size.</summary>
    public string ModelsJsonPage(ModelListQuery query, PageCursor cursor) => query.Link(ModelsJson, cursor);

    /// <summary>The links of the list page, which is the group's root.</summary>
    public static DashboardLinks OfListPage(HttpContext context) => new(Path(context).TrimEnd('/'));

    /// <summary>The links of a model page, one segment below the group's root.</summary>
    public static DashboardLinks OfModelPage(HttpContext context)
    {
        string path = Path(context).TrimEnd('/');
        return new(path[..Math.Max(0, path.LastIndexOf('/'))]);
    }

    /// <summary>The links of a segment's page, three segments below the group's root (<c>{model}/segments/{segment}</c>).</summary>
    public static DashboardLinks OfSegmentPage(HttpContext context)
    {
        string path = Path(context).TrimEnd('/');
        for (int i = 0; i < 3; i++)
        {
            path = path[..Math.Max(0, path.LastIndexOf('/'))];
        }

        return new(path);
    }

    /// <summary>A segment's page.</summary>
    public string Segment(string model, string segment) => $"{Model(model)}/segments/{ModelPathSegment.Encode(segment)}";

    /// <summary>A segment's latest report as JSON.</summary>
    public string SegmentJson(string model, string segment) => $"{ModelJson(model)}/segments/{ModelPathSegment.Encode(segment)}";

    /// <summary>A segment's history as JSON.</summary>
    public string SegmentHistoryJson(string model, string segment) => $"{SegmentJson(model, segment)}/history";

    /// <summary>A model's page.</summary>
    public string Model(string name) => $"{_root}/{ModelPathSegment.Encode(name)}";

    /// <summary>A model's latest reports as JSON.</summary>
    public string ModelJson(string name) => $"{_root}/api/models/{ModelPathSegment.Encode(name)}";

    /// <summary>A model's history as JSON.</summary>
    public string HistoryJson(string name) => $"{ModelJson(name)}/history";

    // The request's path is decoded except for "%2F"; ToUriComponent encodes it again for a URL.
    private static string Path(HttpContext context) => (context.Request.PathBase + context.Request.Path).ToUriComponent();
}
