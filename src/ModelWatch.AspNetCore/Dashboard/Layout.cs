namespace ModelWatch.AspNetCore.Dashboard;

/// <summary>The frame every dashboard page shares: a document with one inline style block and nothing loaded from elsewhere.</summary>
internal static class Layout
{
    // Inline only: the pages are served under a Content-Security-Policy that allows no external
    // resource, no script, and styles only inline.
    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d2329;margin:0 auto;max-width:1200px;padding:16px}
        h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}h3{font-size:15px;margin:0 0 6px}
        table{border-collapse:collapse;margin:4px 0 12px;display:block;overflow-x:auto;max-width:100%}th,td{padding:3px 8px;border-bottom:1px solid #e5e8eb;text-align:left;vertical-align:top}
        th{background:#f4f6f8;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        table.drift-table,table.detectors,table.classes{font-size:13px}table.drift-table :is(th,td),table.detectors :is(th,td){padding:3px 6px}
        .badge{font-size:12px;padding:1px 7px;border-radius:3px;font-weight:600;white-space:nowrap}
        .drift,.alert{background:#fde2e1;color:#8a1c17}.stable,.ok{background:#dff3e4;color:#1a5e2c}.none{background:#eceff1;color:#44515c}.warn{background:#fff1c2;color:#6b4d00}
        .info{color:#57606a;white-space:nowrap}.info.low{font-style:italic}tr.info td{color:#57606a}.bound{color:#57606a;font-size:12px;margin-left:4px}
        .features{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,460px),1fr));gap:16px}
        article{border:1px solid #d0d7de;border-radius:6px;padding:10px 12px;min-width:0}
        svg{width:100%;max-width:520px;height:auto;font-size:10px}svg.spark{width:96px;height:20px;vertical-align:middle}
        svg .ref{fill:#4c72b0}svg .cur{fill:#dd8452}svg .bar{fill:#8c96a0}svg .bar.hot{fill:#c9473f}svg .axis{stroke:#57606a;stroke-width:1}svg .limit{stroke:#c9473f;stroke-dasharray:4 3}svg .line{fill:none;stroke:#4c72b0;stroke-width:2}svg text{fill:#57606a}
        .key{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}.key.ref{background:#4c72b0}.key.cur{background:#dd8452}
        form.search{margin:8px 0 4px}form.search label{margin-right:8px}nav.pager a{margin-right:14px}#summary a{text-decoration:none}
        .muted{color:#57606a}footer{margin-top:28px;color:#57606a;font-size:12px}a{color:#0b5cad}
        """;

    public static void Begin(TextWriter w, string title)
    {
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.WriteLine("<meta name=\"referrer\" content=\"no-referrer\">");
        w.Write("<title>");
        Html.Text(w, title);
        w.WriteLine("</title>");
        w.Write("<style>");
        w.Write(Style);
        w.WriteLine("</style></head><body>");
    }

    public static void End(TextWriter w, DateTimeOffset generatedAt)
    {
        w.Write("<footer>ModelWatch dashboard, rendered ");
        Html.Text(w, Html.Time(generatedAt));
        w.WriteLine(". Reload the page for newer reports.</footer>");
        w.WriteLine("</body></html>");
    }

    /// <summary>The badge of a model's status word (see <c>ModelView.Status</c>).</summary>
    public static void StatusBadge(TextWriter w, string status) => w.Write(status switch
    {
        "qualityAlert" => "<span class=\"badge alert\">quality alert</span>",
        "driftAlert" => "<span class=\"badge alert\">drift alert</span>",
        "drift" => "<span class=\"badge drift\">drift</span>",
        "stable" => "<span class=\"badge stable\">stable</span>",
        _ => "<span class=\"badge none\">no data</span>",
    });
}
