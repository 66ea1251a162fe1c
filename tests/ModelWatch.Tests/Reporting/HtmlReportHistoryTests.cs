using System.Globalization;
using System.Text.RegularExpressions;
using ModelWatch.Estimation;
using ModelWatch.Monitoring;
using ModelWatch.Profiles;
using ModelWatch.Reporting;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Reporting;

/// <summary>The HTML report's sections over time: multivariate drift per window, and estimated beside realised performance.</summary>
public sealed class HtmlReportHistoryTests
{
    [Fact]
    public async Task Write_WithRuntimeHistory_ListsEachWindowsErrorAndEstimate()
    {
        const int rows = 500;
        var rng = new SplitMix64(1);
        double[][] Features(int n, bool correlated) => [.. Enumerable.Range(0, n).Select(_ =>
        {
            double a = rng.NextNormal();
            return new[] { a, correlated ? a + (0.2 * rng.NextNormal()) : rng.NextNormal() };
        })];

        var reference = Features(10 * rows, correlated: true);
        double[] scores = [.. Enumerable.Range(0, 10 * rows).Select(i => ((i * 37) % 100) / 100.0)];
        int[] decisions = [.. scores.Select(s => s >= 0.5 ? 1 : 0)];
        int[] labels = [.. scores.Select((s, i) => ((i * 13) % 100) / 100.0 < s ? 1 : 0)];
        var (services, watch, time) = TestModels.Create(m => m
            .Numeric("f0", "f1").Window(TimeSpan.FromHours(1)).BinaryClassification()
            .Reference(TestModels.NormalReference(features: 2))
            .DetectMultivariateDrift(reference, [], new ReconstructionDriftOptions { Chunking = Chunking.BySize(rows) })
            .EstimatePerformance(CbpeReference.Binary(scores, decisions, labels), new CbpeOptions { Chunking = Chunking.BySize(rows) }));
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        foreach (bool correlated in new[] { true, false })
        {
            var hour = Features(rows, correlated);
            for (int i = 0; i < rows; i++)
            {
                monitor.Log(hour[i], [], scores[i], $"{correlated}-{i}");
                monitor.RecordOutcome($"{correlated}-{i}", labels[i]);
            }

            time.Advance(TimeSpan.FromHours(1));
            await watch.EvaluateAsync();
        }

        var profile = new ProfileBuilder(["f0", "f1"]);
        profile.Add([0.0, 0.0], []);
        var p = profile.Build();
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        HtmlReport.Write(writer, ProfileComparison.Compare(p, p), p, p, new HtmlReportOptions
        {
            Title = "history",
            DriftHistory = watch.GetHistory("m"),
            QualityHistory = watch.GetQualityHistory("m", QualityWindowBasis.PredictionTime),
        });
        string html = writer.ToString();

        string multivariate = Regex.Match(html, "<section id=\"multivariate-history\">.*?</section>", RegexOptions.Singleline).Value;
        var windows = Regex.Matches(multivariate, "<tr><td>.*?</tr>", RegexOptions.Singleline);
        Assert.Equal(2, windows.Count);
        Assert.Contains("2026-01-05", windows[0].Value, StringComparison.Ordinal);
        Assert.Contains("badge stable", windows[0].Value, StringComparison.Ordinal);
        Assert.Contains("badge drift\">DRIFT", windows[1].Value, StringComparison.Ordinal);

        string estimated = Regex.Match(html, "<section id=\"estimated-history\">.*?</section>", RegexOptions.Singleline).Value;
        var estimates = Regex.Matches(estimated, "<tr><td>.*?</tr>", RegexOptions.Singleline);
        Assert.Equal(2, estimates.Count);
        Assert.Matches("<td class=\"n\">[0-9.]+<br/><span class=\"bound\">\\[[0-9.]+, [0-9.]+\\]</span></td>", estimates[0].Value);
        Assert.Contains($"<td class=\"n\">{rows}</td>", estimates[0].Value, StringComparison.Ordinal); // labels arrived

        // Without histories the page has neither section.
        using var plain = new StringWriter(CultureInfo.InvariantCulture);
        HtmlReport.Write(plain, ProfileComparison.Compare(p, p), p, p);
        Assert.DoesNotContain("-history\"", plain.ToString(), StringComparison.Ordinal);
    }
}
