using System.Globalization;
using ModelWatch.AspNetCore.Endpoints;
using ModelWatch.Reporting;

namespace ModelWatch.AspNetCore.Dashboard;

/// <summary>The model list: counts over every model, a search form, one page of models and the links to the others.</summary>
internal static partial class DashboardPages
{
    public static void ModelList(TextWriter w, ModelListPage page, ModelListQuery query, DashboardLinks links, DateTimeOffset now)
    {
        Layout.Begin(w, "ModelWatch: models");
        w.WriteLine("<h1>Monitored models</h1>");
        Summary(w, page.Summary, query, links);
        SearchForm(w, query, links);
        bool filtered = query.Search is not null || query.Status is not null;
        if (page.Models.Count == 0)
        {
            w.Write("<p class=\"muted\" id=\"rows\">");
            w.Write(page.Summary.Models == 0 ? "No model is monitored." : filtered && page.Total == 0 ? "No model matches." : "No model on this page.");
            w.WriteLine("</p>");
        }
        else
        {
            w.Write("<p id=\"rows\">");
            Html.Text(w, $"Models {Count(page.Offset + 1)}–{Count(page.Offset + page.Models.Count)} of {Count(page.Total)}{(filtered ? " matching" : string.Empty)}.");
            w.WriteLine("</p>");
            ModelTable(w, page.Models, links);
        }

        Pager(w, page, query, links);
        w.Write("<p class=\"muted\">JSON: <a href=\"");
        // The same page: the JSON's default page size differs from the dashboard's, so the link always names it.
        Html.Text(w, links.ModelsJsonPage(query with { LimitGiven = true }, new PageCursor(query.After, query.Before)));
        w.WriteLine("\">this page</a>; each model's page links to its own.</p>");
        Layout.End(w, now);
    }

    /// <summary>The page answered (400) when the list's query string is invalid.</summary>
    public static void InvalidQuery(TextWriter w, string error, DashboardLinks links, DateTimeOffset now)
    {
        Layout.Begin(w, "ModelWatch: invalid query");
        w.Write("<h1>Invalid query</h1><p id=\"error\">");
        Html.Text(w, error);
        w.Write("</p><p><a href=\"");
        Html.Text(w, links.List);
        w.WriteLine("\">All models</a></p>");
        Layout.End(w, now);
    }

    /// <summary>Counts over every model, with links to the models that need attention, whatever page is shown.</summary>
    private static void Summary(TextWriter w, ModelListSummaryJson s, ModelListQuery query, DashboardLinks links)
    {
        w.Write($"<p id=\"summary\" data-models=\"{Invariant(s.Models)}\" data-alerting=\"{Invariant(s.Alerting)}\" data-drifting=\"{Invariant(s.Drifting)}\" data-no-data=\"{Invariant(s.NoData)}\">");
        w.Write($"<strong>{Count(s.Models)}</strong> {(s.Models == 1 ? "model" : "models")}: ");
        SummaryCount(w, s.Alerting, "alerting", ModelListFilter.Alerting, "badge alert", query, links);
        w.Write(", ");
        SummaryCount(w, s.Drifting, "drifting", ModelListFilter.Drifting, "badge drift", query, links);
        w.Write(", ");
        SummaryCount(w, s.NoData, "without data", "noData", "badge none", query, links);
        w.WriteLine("</p>");
    }

    private static void SummaryCount(TextWriter w, int count, string label, string status, string badge, ModelListQuery query, DashboardLinks links)
    {
        string text = $"{Count(count)} {label}";
        if (count == 0)
        {
            w.Write(text);
            return;
        }

        w.Write($"<a class=\"{badge}\" href=\"");
        Html.Text(w, links.ListPage(query with { Search = null, Status = status }, default));
        w.Write("\">");
        w.Write(text);
        w.Write("</a>");
    }

    /// <summary>A GET form: it works without script, and its results are links that can be shared.</summary>
    private static void SearchForm(TextWriter w, ModelListQuery query, DashboardLinks links)
    {
        w.Write("<form method=\"get\" role=\"search\" class=\"search\" action=\"");
        Html.Text(w, links.List);
        w.Write("\"><label>Name contains <input type=\"search\" name=\"q\" maxlength=\"");
        w.Write(Invariant(ModelListQuery.MaxTextLength));
        w.Write("\" value=\"");
        Html.Text(w, query.Search);
        w.Write("\"></label> <label>Status <select name=\"status\"><option value=\"\">any</option>");
        foreach (string status in ModelListFilter.Names)
        {
            w.Write(status == query.Status ? "<option selected>" : "<option>");
            w.Write(status);
            w.Write("</option>");
        }

        w.Write("</select></label>");
        if (query.LimitGiven)
        {
            w.Write($"<input type=\"hidden\" name=\"limit\" value=\"{Invariant(query.Limit)}\">");
        }

        w.Write(" <button type=\"submit\">Search</button>");
        if (query.Search is not null || query.Status is not null)
        {
            w.Write(" <a href=\"");
            Html.Text(w, links.List);
            w.Write("\">clear</a>");
        }

        w.WriteLine("</form>");
    }

    /// <summary>Links to the first, previous and next pages, keeping the search, the filter and the page size.</summary>
    private static void Pager(TextWriter w, ModelListPage page, ModelListQuery query, DashboardLinks links)
    {
        if (page.Previous is null && page.Next is null)
        {
            return;
        }

        w.Write("<nav class=\"pager\">");
        if (page.Previous is { } previous)
        {
            w.Write("<a rel=\"first\" href=\"");
            Html.Text(w, links.ListPage(query, default));
            w.Write("\">« first</a> <a rel=\"prev\" href=\"");
            Html.Text(w, links.ListPage(query, previous));
            w.Write("\">‹ previous</a> ");
        }

        if (page.Next is { } next)
        {
            w.Write("<a rel=\"next\" href=\"");
            Html.Text(w, links.ListPage(query, next));
            w.Write("\">next ›</a>");
        }

        w.WriteLine("</nav>");
    }

    private static void ModelTable(TextWriter w, IReadOnlyList<ModelView> models, DashboardLinks links)
    {
        w.WriteLine("<table class=\"models\"><thead><tr><th>Model</th><th>Version</th><th>State</th><th>Drifted columns</th><th>Drift alert</th><th>Quality alert</th><th>Segments alerting</th><th>Predictions in window</th><th>Last evaluated</th></tr></thead><tbody>");
        foreach (var m in models)
        {
            w.Write("<tr data-model=\"");
            Html.Text(w, m.Name);
            w.Write(m.IsDrifting ? "\" data-drift=\"true\">" : "\" data-drift=\"false\">");
            w.Write("<td><a href=\"");
            Html.Text(w, links.Model(m.Name));
            w.Write("\">");
            Html.Text(w, m.Name);
            w.Write("</a></td><td>");
            Html.Text(w, m.CurrentVersion);
            if (m.Versions.Count > 1)
            {
                w.Write($" <span class=\"muted\">(of {Invariant(m.Versions.Count)})</span>");
            }

            w.Write("</td><td>");
            Layout.StatusBadge(w, m.Status);
            w.Write("</td><td>");
            Html.Text(w, m.Latest is null ? StatisticFormat.Missing : string.Join(", ", m.Latest.Features.Where(f => f.IsDrift).Select(f => f.Name)));
            w.Write("</td><td>");
            AlertBadge(w, m.DriftAlert);
            w.Write("</td><td>");
            AlertBadge(w, m.QualityAlert);
            w.Write("</td>");
            AlertingSegmentsCell(w, m);
            w.Write("<td class=\"n\">");
            Html.Text(w, m.Latest is null ? StatisticFormat.Missing : StatisticFormat.Count(m.Latest.Predictions));
            w.Write("</td><td>");
            Html.Text(w, Html.Time(m.Latest?.EvaluatedAt));
            w.WriteLine("</td></tr>");
        }

        w.WriteLine("</tbody></table>");
    }

    private static string Count(int value) => StatisticFormat.Count(value);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
