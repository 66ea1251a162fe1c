using System.Reflection;
using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Profiles;

namespace ModelWatch.Reporting;

/// <summary>
/// Writes a <see cref="DriftReport"/> as one self-contained HTML page: the dataset verdict, model and
/// window metadata, a drift table with one row per column, data-quality counts, and per column
/// reference-versus-current histograms as inline SVG with every detector's result.
/// </summary>
/// <remarks>
/// <para>
/// The page loads nothing: no script (it has no JavaScript at all), no font, no image, no style
/// sheet from elsewhere; a small style block is inline. It reads the same in any browser, offline,
/// as an e-mail attachment or a CI artifact. Every string that comes from data (column names,
/// categories, model names, the title) is HTML-encoded, and a character XML 1.0 does not allow
/// (a control character, a lone surrogate) is shown as U+FFFD, so the page is well-formed XML.
/// </para>
/// <para>
/// Histograms are drawn from the profiles, not from raw rows: a numeric column gets
/// <see cref="NumericBins"/> equal-width bins over the combined range of both profiles, counted from
/// the quantile sketches' ranks (each count within the sketch's rank error); a categorical column
/// gets its <see cref="TopCategories"/> most frequent categories on either side, the rest lumped into
/// "(other)". Bars show shares, so data sets of different sizes compare directly.
/// </para>
/// <para>Thread-safe: the method keeps no state. It reads the profiles, so do not change them meanwhile.</para>
/// </remarks>
public static partial class HtmlReport
{
    /// <summary>The number of equal-width histogram bins of a numeric column.</summary>
    public const int NumericBins = ReportHistogram.NumericBins;

    /// <summary>The number of categories a categorical histogram shows before lumping the rest into "(other)".</summary>
    public const int TopCategories = ReportHistogram.TopCategories;

    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d2329;margin:0 auto;max-width:1100px;padding:16px 24px}
        h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}h3{font-size:15px;margin:0 0 6px}
        table{border-collapse:collapse;margin:4px 0 12px;display:block;overflow-x:auto;max-width:100%}th,td{padding:3px 10px;border-bottom:1px solid #e5e8eb;text-align:left;vertical-align:top}
        th{background:#f4f6f8;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        table.detectors{font-size:13px}table.detectors :is(th,td){padding:2px 6px}
        .info{color:#57606a;white-space:nowrap}.info.low{font-style:italic}tr.info td{color:#57606a}.bound{color:#57606a;font-size:12px;white-space:nowrap}
        .verdict{display:inline-block;padding:6px 12px;border-radius:4px;font-weight:600;margin:4px 0}
        .drift{background:#fde2e1;color:#8a1c17}.stable{background:#dff3e4;color:#1a5e2c}.none{background:#eceff1;color:#44515c}
        .badge{font-size:12px;padding:1px 7px;border-radius:3px;margin-left:8px;font-weight:600}
        .features{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,460px),1fr));gap:16px}
        article{border:1px solid #d0d7de;border-radius:6px;padding:10px 12px}
        svg.histogram{width:100%;max-width:520px;height:auto;font-size:10px}
        svg .ref{fill:#4c72b0}svg .cur{fill:#dd8452}svg .axis{stroke:#57606a;stroke-width:1}svg .grid{stroke:#d0d7de;stroke-dasharray:3 3}svg text{fill:#57606a}
        .key{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}.key.ref{background:#4c72b0}.key.cur{background:#dd8452}
        .muted{color:#57606a}footer{margin-top:28px;color:#57606a;font-size:12px}
        """;

    /// <summary>Writes the report as an HTML page.</summary>
    /// <param name="writer">Where to write (UTF-8 is declared in the page; the caller chooses the writer's encoding).</param>
    /// <param name="report">The comparison's result, e.g. from <see cref="ProfileComparison.Compare"/>.</param>
    /// <param name="reference">The reference profile the report was computed from (for histograms and reference counts).</param>
    /// <param name="current">The current profile the report was computed from.</param>
    /// <param name="title">
    /// The page's title; null for "Drift report: <em>model</em>" when the reference profile names its
    /// model, else "Drift report". The command-line tool passes its inputs' file names.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="title"/> is null.</exception>
    public static void Write(TextWriter writer, DriftReport report, Profile reference, Profile current, string? title) =>
        Write(writer, report, reference, current, new HtmlReportOptions { Title = title });

    /// <summary>Writes the report as an HTML page titled "Drift report: <em>model</em>" (or "Drift report" when the reference profile names no model).</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="report">The comparison's result, e.g. from <see cref="ProfileComparison.Compare"/>.</param>
    /// <param name="reference">The reference profile the report was computed from.</param>
    /// <param name="current">The current profile the report was computed from.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, DriftReport report, Profile reference, Profile current) =>
        Write(writer, report, reference, current, new HtmlReportOptions());

    /// <summary>
    /// Writes the report as an HTML page, with sections over time from the monitoring runtime when the
    /// options carry them: multivariate drift per window, and estimated beside realised performance per
    /// prediction-time window.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="report">The comparison's result.</param>
    /// <param name="reference">The reference profile the report was computed from.</param>
    /// <param name="current">The current profile the report was computed from.</param>
    /// <param name="options">The title and the windows to show over time.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, DriftReport report, Profile reference, Profile current, HtmlReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? title = options.Title;
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        title ??= reference.ModelName is { } model ? $"Drift report: {model}" : "Drift report";

        var w = writer;
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\">");
        w.WriteLine("<head>");
        w.WriteLine("<meta charset=\"utf-8\"/>");
        w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
        w.Write("<title>");
        HtmlText.Write(w, title);
        w.WriteLine("</title>");
        w.Write("<style>");
        w.Write(Style);
        w.WriteLine("</style>");
        w.WriteLine("</head>");
        w.WriteLine("<body>");
        w.Write("<header><h1>");
        HtmlText.Write(w, title);
        w.WriteLine("</h1>");
        WriteVerdict(w, report, reference.Rows, current.Rows);
        w.WriteLine("</header>");

        WriteMetadata(w, report, reference, current);
        WriteDriftTable(w, report);
        WriteSegmentTable(w, report);
        WriteQualityTable(w, report, reference);
        WriteFeatures(w, report, reference, current);
        WriteMultivariateHistory(w, options.DriftHistory ?? []);   // a list set to null is an empty one
        WriteEstimatedHistory(w, options.QualityHistory ?? []);

        w.Write("<footer>Generated by ModelWatch ");
        HtmlText.Write(w, typeof(HtmlReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
        w.WriteLine(". Histograms are drawn from the profiles' quantile sketches and category counts; bin counts carry the sketches' rank error.</footer>");
        w.WriteLine("</body>");
        w.WriteLine("</html>");
    }

    private static void WriteVerdict(TextWriter w, DriftReport report, long referenceRows, long currentRows)
    {
        // The rows each side had stand beside the verdict: a verdict from a handful of rows says little.
        string rows = $"; rows: reference {StatisticFormat.Count(referenceRows)}, current {StatisticFormat.Count(currentRows)}";
        if (report.Dataset is not { } dataset)
        {
            w.Write("<p class=\"verdict none\">No dataset verdict");
            HtmlText.Write(w, (report.Status == DriftReportStatus.Evaluated ? " (no feature could be evaluated)" : $" ({report.Status})") + rows);
            w.WriteLine("</p>");
            return;
        }

        w.Write(dataset.IsDrift ? "<p class=\"verdict drift\">Dataset drift: DRIFT" : "<p class=\"verdict stable\">Dataset drift: no drift");
        HtmlText.Write(w, $" — {dataset.DriftedCount} of {dataset.FeatureCount} features drifted ({StatisticFormat.Percent(dataset.DriftedShare)}; the threshold is {StatisticFormat.Percent(dataset.ShareThreshold)}){rows}");
        w.WriteLine("</p>");
        if (report.IsPredictionDrift)
        {
            w.WriteLine("<p class=\"verdict drift\">The prediction's distribution drifted.</p>");
        }
    }

    private static void WriteMetadata(TextWriter w, DriftReport report, Profile reference, Profile current)
    {
        // A profile comparison without a model name has no model: no "Model" row then, rather than
        // the placeholder name and version the comparison runs under.
        w.WriteLine("<section id=\"metadata\"><h2>Model and data</h2>");
        w.WriteLine("<table class=\"metadata\"><tbody>");
        Row(w, "Evaluated at", HtmlText.Time(report.EvaluatedAt));
        if (report.Dataset is { } dataset)
        {
            Row(w, "Multiple-testing correction", dataset.Correction.ToString());
        }

        w.WriteLine("</tbody></table>");
        w.WriteLine("<table class=\"profiles\"><thead><tr><th></th><th>Reference</th><th>Current</th></tr></thead><tbody>");
        if (reference.ModelName is not null || current.ModelName is not null)
        {
            Row(w, "Model", reference.ModelName ?? StatisticFormat.Missing, current.ModelName ?? StatisticFormat.Missing);
        }

        if (reference.ModelVersion is not null || current.ModelVersion is not null)
        {
            Row(w, "Model version", reference.ModelVersion ?? StatisticFormat.Missing, current.ModelVersion ?? StatisticFormat.Missing);
        }

        Row(w, "Profile kind", reference.Kind.ToString(), current.Kind.ToString());
        Row(w, "Rows", StatisticFormat.Count(reference.Rows), StatisticFormat.Count(current.Rows));
        Row(w, "Window start", HtmlText.Time(reference.WindowStart), HtmlText.Time(current.WindowStart));
        Row(w, "Window end", HtmlText.Time(reference.WindowEnd), HtmlText.Time(current.WindowEnd));
        Row(w, "Profiled at", HtmlText.Time(reference.CreatedAt), HtmlText.Time(current.CreatedAt));
        w.WriteLine("</tbody></table></section>");
    }

    private static void WriteDriftTable(TextWriter w, DriftReport report)
    {
        w.WriteLine("<section id=\"drift\"><h2>Drift</h2>");
        w.WriteLine("<p class=\"muted\">One row per column: the detector that decides its verdict. p-value tests drift when p &lt; threshold; effect sizes when statistic &gt;= threshold. Every detector is listed under each column below.</p>");
        w.WriteLine("<table class=\"drift-table\"><thead><tr><th>Feature</th><th>Kind</th><th>Detector</th><th>Statistic</th><th>Bound</th><th>p-value</th><th>Threshold</th><th>Verdict</th><th>Reference n</th><th>Current n</th></tr></thead><tbody>");
        for (int i = 0; i < report.Features.Length; i++)
        {
            var feature = report.Features[i];
            w.Write($"<tr><td><a href=\"#feature-{i}\">");
            HtmlText.Write(w, feature.Name);
            w.Write("</a>");
            w.Write("</td><td>");
            HtmlText.Write(w, VerdictText.Kind(feature));
            w.Write("</td>");
            if (feature.Verdict is { } v)
            {
                w.Write("<td>");
                HtmlText.Write(w, v.Detector);
                w.Write("</td>");
                HtmlText.NumberCells(w, StatisticFormat.Statistic(v.Statistic));
                WriteBound(w, v);
                HtmlText.NumberCells(w, StatisticFormat.PValue(v.PValue), StatisticFormat.Threshold(v));
                w.Write("<td>");
                VerdictText.Of(feature).WriteHtml(w);
                w.Write("</td>");
                HtmlText.NumberCells(w, StatisticFormat.Count(v.ReferenceCount), StatisticFormat.Count(v.CurrentCount));
            }
            else
            {
                w.Write("<td colspan=\"8\" class=\"muted\">no value in the current data</td>");
            }

            w.WriteLine("</tr>");
        }

        w.WriteLine("</tbody></table>");
        w.Write("<p class=\"muted\">");
        HtmlText.Write(w, $"{VerdictText.MarksNote} {VerdictText.LowCountNote} {VerdictText.ExactnessNote}");
        w.WriteLine("</p></section>");
    }

    private static void WriteBound(TextWriter w, DriftResult result)
    {
        w.Write("<td class=\"bound\">");
        HtmlText.Write(w, VerdictText.Exactness(result));
        w.Write("</td>");
    }

    private static void WriteQualityTable(TextWriter w, DriftReport report, Profile reference)
    {
        w.WriteLine("<section id=\"quality\"><h2>Data quality</h2>");
        w.WriteLine("<p class=\"muted\">Missing: empty cells or NaN. Non-finite: ±Infinity. Out of range: current values outside the reference's [min, max]. Unseen: current values of categories the reference never saw.</p>");
        w.WriteLine("<table class=\"quality-table\"><thead><tr><th>Feature</th><th>Reference missing</th><th>Current missing</th><th>Reference non-finite</th><th>Current non-finite</th><th>Out of range</th><th>Unseen</th></tr></thead><tbody>");
        foreach (var feature in report.Features)
        {
            var profile = Column(reference, feature);
            bool numeric = feature.Kind == FeatureKind.Numeric;
            w.Write("<tr><td>");
            HtmlText.Write(w, feature.Name);
            w.Write("</td>");
            HtmlText.NumberCells(
                w,
                profile is null ? StatisticFormat.Missing : StatisticFormat.Count(profile.MissingCount),
                StatisticFormat.Count(feature.MissingCount),
                numeric && profile is not null ? StatisticFormat.Count(profile.NonFiniteCount) : StatisticFormat.Missing,
                numeric ? StatisticFormat.Count(feature.NonFiniteCount) : StatisticFormat.Missing,
                numeric ? StatisticFormat.Count(feature.OutOfRangeCount) : StatisticFormat.Missing,
                numeric ? StatisticFormat.Missing : StatisticFormat.Count(feature.UnseenCount));
            w.WriteLine("</tr>");
        }

        w.WriteLine("</tbody></table></section>");
    }

    private static void WriteFeatures(TextWriter w, DriftReport report, Profile reference, Profile current)
    {
        w.WriteLine("<section id=\"features\"><h2>Distributions</h2>");
        w.WriteLine("<p class=\"muted\"><span class=\"key ref\"></span>reference <span class=\"key cur\"></span>current — share of each profile's values per bin; hover a bar for its count.</p>");
        w.WriteLine("<div class=\"features\">");
        for (int i = 0; i < report.Features.Length; i++)
        {
            var feature = report.Features[i];
            var r = Column(reference, feature);
            var c = Column(current, feature);
            w.Write($"<article id=\"feature-{i}\"><h3>");
            HtmlText.Write(w, VerdictText.ColumnTitle(feature));
            w.Write(' ');
            VerdictText.Of(feature).WriteHtml(w);
            w.WriteLine("</h3>");
            SvgHistogram.Write(w, feature.Name, ReportHistogram.Create(r, c, feature.IsPrediction ? report.ClassNames : []));
            if (feature.Kind == FeatureKind.Numeric)
            {
                w.WriteLine("<table class=\"summary\"><thead><tr><th></th><th>Mean</th><th>Std</th><th>Min</th><th>Max</th><th>Count</th></tr></thead><tbody>");
                if (r?.Moments is { } rm)
                {
                    Row(w, "Reference", StatisticFormat.Statistic(rm.Mean), StatisticFormat.Statistic(rm.PopulationStandardDeviation), StatisticFormat.Statistic(rm.Min), StatisticFormat.Statistic(rm.Max), StatisticFormat.Count(rm.Count));
                }

                Row(w, "Current", StatisticFormat.Statistic(feature.Mean), StatisticFormat.Statistic(feature.StandardDeviation), StatisticFormat.Statistic(feature.Min), StatisticFormat.Statistic(feature.Max), StatisticFormat.Count(feature.Count));
                w.WriteLine("</tbody></table>");
            }

            w.WriteLine("<table class=\"detectors\"><thead><tr><th>Detector</th><th>Statistic</th><th>Bound</th><th>p-value</th><th>Threshold</th><th>Verdict</th></tr></thead><tbody>");
            foreach (var d in feature.Detectors.OrderBy(d => VerdictText.Decides(feature, d) ? 0 : 1))
            {
                var mark = VerdictText.Of(feature, d);
                w.Write(mark.IsVerdict ? "<tr><td>" : "<tr class=\"info\"><td>");
                HtmlText.Write(w, d.Detector);
                w.Write("</td>");
                HtmlText.NumberCells(w, StatisticFormat.Statistic(d.Statistic));
                WriteBound(w, d);
                HtmlText.NumberCells(w, StatisticFormat.PValue(d.PValue), StatisticFormat.Threshold(d));
                w.Write("<td>");
                mark.WriteHtml(w);
                w.WriteLine("</td></tr>");
            }

            w.WriteLine("</tbody></table></article>");
        }

        w.WriteLine("</div></section>");
    }

    /// <summary>The profile column behind a report column (the report names the prediction "prediction").</summary>
    private static FeatureProfile? Column(Profile profile, FeatureDriftReport feature) =>
        feature.IsPrediction
            ? profile.Features.FirstOrDefault(f => f.IsPrediction) ?? profile.Find(feature.Name)
            : profile.Find(feature.Name);

    private static void Row(TextWriter w, string header, params string[] cells)
    {
        w.Write("<tr><th scope=\"row\">");
        HtmlText.Write(w, header);
        w.Write("</th>");
        foreach (string cell in cells)
        {
            w.Write("<td>");
            HtmlText.Write(w, cell);
            w.Write("</td>");
        }

        w.WriteLine("</tr>");
    }
}
