using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using ModelWatch.AspNetCore.Tests.TestSupport;
using ModelWatch.Estimation;
using ModelWatch.Monitoring;
using ModelWatch.Reporting;

namespace ModelWatch.AspNetCore.Tests.Dashboard;

/// <summary>
/// What the model page says beside each column: the deciding detector's mark and every other
/// detector as information, whether statistics are exact or bounded, panel titles, and a
/// classifier's classes by name.
/// </summary>
public sealed class DashboardPageTests
{
    private const int Classes = 3;
    private static readonly string[] ClassNames = ["sun", "rain", "fog"];

    [Fact]
    public async Task ModelPage_OnlyTheDecidingDetectorIsMarked_TheOthersAreInformation()
    {
        await using var t = await TestApp.StartAsync(w => w.AddNumericModel("fraud", "amount", "age"), app => app.MapModelWatch("/modelwatch"));
        var fraud = t.Watch.GetMonitor("fraud");
        TestModels.LogRows(fraud, TestModels.WindowSize, shift: 3, seed: 2);
        await t.Watch.EvaluateAsync();
        var amount = t.Watch.GetLatestReport("fraud")!.Features.Single(f => f.Name == "amount");

        string html = await t.Client.GetStringAsync("/modelwatch/fraud");
        string article = Regex.Match(html, "<article data-histogram=\"amount\">.*?</article>", RegexOptions.Singleline).Value;

        // One row per detector; only the deciding one (first) carries a verdict badge.
        var rows = Regex.Matches(article, "<tr( class=\"info\")? data-detector=\"([^\"]+)\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.Equal(amount.Detectors.Length, rows.Count);
        Assert.Equal(amount.Verdict!.Value.Detector, rows[0].Groups[2].Value);
        Assert.Contains("<span class=\"badge drift\">DRIFT</span>", rows[0].Value, StringComparison.Ordinal);
        Assert.All(rows.Skip(1), r =>
        {
            Assert.Equal(" class=\"info\"", r.Groups[1].Value);
            Assert.DoesNotContain("badge", r.Value, StringComparison.Ordinal);
            Assert.Matches("<span class=\"info( low)?\">(info|low count)</span>", r.Value);
        });
        Assert.Equal(1, Regex.Count(article, "badge drift\">DRIFT</span></td>"));

        // Every statistic says whether it is exact or bounded, and the legend says what that means.
        Assert.Equal(amount.Detectors.Length, Regex.Count(WebUtility.HtmlDecode(article), "<span class=\"bound\">(exact|bounded|±[^<]+)</span>"));
        Assert.Contains(VerdictText.MarksNote, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains(VerdictText.ExactnessNote, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelPage_Classifier_ShowsEstimatedBesideRealisedPerformance()
    {
        const int n = 600;
        var p = new double[n][];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % Classes;
            p[i] = [0.2, 0.2, 0.2];
            p[i][labels[i]] += 0.2 + (0.4 * ((i * 7) % 10) / 10.0);
            p[i][(labels[i] + 1) % Classes] += 0.1;
        }

        int[] predictions = [.. p.Select(row => Array.IndexOf(row, row.Max()))];
        await using var t = await TestApp.StartAsync(
            w => w.AddModel("weather", m => m
                .Numeric("x")
                .MulticlassClassification(Classes)
                .EstimatePerformance(CbpeReference.Multiclass(p, predictions, labels), new CbpeOptions { Calibration = CbpeCalibration.Always, Chunking = Chunking.BySize(TestModels.WindowSize) })
                .Reference(Reference())
                .WindowByCount(TestModels.WindowSize)),
            app => app.MapModelWatch("/modelwatch"));
        var monitor = t.Watch.GetMonitor("weather");
        for (int i = 0; i < 2 * TestModels.WindowSize; i++)
        {
            monitor.Log([i % 7], [], p[i % n], $"p{i}");
            monitor.RecordOutcome($"p{i}", labels[i % n]);
        }

        monitor.Log([0.0], [], p[0], "next");
        await t.Watch.EvaluateAsync();

        string html = WebUtility.HtmlDecode(await t.Client.GetStringAsync("/modelwatch/weather"));
        string section = Regex.Match(html, "<section id=\"estimated\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("Estimated performance (no labels)", section, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Estimated and realised accuracy per window\"", section, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Estimated and realised F1 per window\"", section, StringComparison.Ordinal);
        Assert.Matches("<td[^>]*>[0-9.]+ \\[[0-9.]+, [0-9.]+\\]</td>", section); // estimate [band]
        Assert.Contains("realised accuracy", section, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelPage_MultivariateDrift_ShowsTheErrorPerWindowAgainstTheThresholds()
    {
        // Two features that move together in the reference; the second window breaks the relation.
        static (double[][] Numeric, string?[][] Categorical) Rows(int n, bool correlated, int seed)
        {
            var rng = new Random(seed);
            var numeric = new double[n][];
            for (int i = 0; i < n; i++)
            {
                double a = rng.NextDouble();
                numeric[i] = [a, correlated ? a + (0.05 * rng.NextDouble()) : rng.NextDouble()];
            }

            return (numeric, [.. numeric.Select(_ => Array.Empty<string?>())]);
        }

        var (refNumeric, refCategorical) = Rows(10 * TestModels.WindowSize, correlated: true, seed: 1);
        var profile = new ReferenceProfileBuilder(new ModelSchema(["a", "b"]));
        foreach (var row in refNumeric)
        {
            profile.Add(row, 0.0);
        }

        await using var t = await TestApp.StartAsync(
            w => w.AddModel("pair", m => m
                .Numeric("a", "b")
                .Reference(profile.Build())
                .DetectMultivariateDrift(refNumeric, refCategorical, new ReconstructionDriftOptions { Chunking = Chunking.BySize(TestModels.WindowSize) })
                .WindowByCount(TestModels.WindowSize)),
            app => app.MapModelWatch("/modelwatch"));
        var monitor = t.Watch.GetMonitor("pair");
        foreach (bool correlated in new[] { true, false })
        {
            foreach (var row in Rows(TestModels.WindowSize, correlated, seed: correlated ? 2 : 3).Numeric)
            {
                monitor.Log(row, 0.0);
            }
        }

        await t.Watch.EvaluateAsync();

        string html = WebUtility.HtmlDecode(await t.Client.GetStringAsync("/modelwatch/pair"));
        string section = Regex.Match(html, "<section id=\"multivariate\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("Multivariate drift", section, StringComparison.Ordinal);
        var rows = Regex.Matches(section, "<tr><td>.*?</tr>", RegexOptions.Singleline);
        Assert.Equal(2, rows.Count);
        Assert.Contains("badge ok", rows[0].Value, StringComparison.Ordinal);
        Assert.Contains("badge alert\">DRIFT", rows[1].Value, StringComparison.Ordinal);
        Assert.Matches("<td[^>]*>[0-9.]+ \\[[0-9.]+, [0-9.]+\\]</td>", rows[1].Value); // error [band]
    }

    [Fact]
    public async Task ModelPage_Classifier_ShowsClassNamesAndAPredictionTitle()
    {
        await using var t = await TestApp.StartAsync(
            w => w.AddModel("weather", m => m
                .Numeric("x")
                .MulticlassClassification(Classes)
                .ClassNames(ClassNames)
                .Reference(Reference())
                .WindowByCount(TestModels.WindowSize)
                .Configure(o => o.Quality.MinimumOutcomes = 10)),
            app => app.MapModelWatch("/modelwatch"));
        var monitor = t.Watch.GetMonitor("weather");
        for (int i = 0; i < TestModels.WindowSize; i++)
        {
            monitor.Log([i % 7], [], i % Classes, $"p{i}");
        }

        // The outcomes arrive after the window: the next windows close their arrival window.
        for (int i = 0; i < TestModels.WindowSize; i++)
        {
            monitor.RecordOutcome($"p{i}", (i + (i % 2)) % Classes);
        }

        for (int i = 0; i < 3 * TestModels.WindowSize; i++)
        {
            monitor.Log([i % 7], i % Classes);
        }

        await t.Watch.EvaluateAsync();

        string html = WebUtility.HtmlDecode(await t.Client.GetStringAsync("/modelwatch/weather"));

        Assert.Contains("<h3>Prediction — class <span class=\"badge", html, StringComparison.Ordinal);
        Assert.DoesNotContain("(prediction)", html, StringComparison.Ordinal);

        // The prediction's histogram labels and tooltips name the classes instead of their indexes.
        string article = Regex.Match(html, "<article data-histogram=\"prediction\">.*?</article>", RegexOptions.Singleline).Value;
        foreach (string name in ClassNames)
        {
            Assert.Contains($">{name}</text>", article, StringComparison.Ordinal);
            Assert.Contains($"<title>prediction {name}: reference", article, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(">0</text>", article, StringComparison.Ordinal);

        // Per-class quality, each class by its name.
        for (int c = 0; c < Classes; c++)
        {
            Assert.Contains($"<tr data-class=\"{c}\"><td>{ClassNames[c]}</td>", html, StringComparison.Ordinal);
        }
    }

    private static ReferenceProfile Reference()
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema(["x"], prediction: PredictionKind.Categorical));
        for (int i = 0; i < 600; i++)
        {
            builder.Add([i % 7], i % Classes);
        }

        return builder.Build();
    }
}
