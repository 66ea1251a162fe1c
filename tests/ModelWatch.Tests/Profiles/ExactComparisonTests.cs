using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Profiles;
using ModelWatch.Statistics;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Profiles;

/// <summary>
/// <see cref="ProfileComparison.Compare"/> is exact where the profiles hold every value (SciPy's
/// <c>ks_2samp(method='auto')</c> and <c>wasserstein_distance</c>, Oracles/exact_comparison.json) and
/// bounded, within its stated bound, where they do not.
/// </summary>
public class ExactComparisonTests(ITestOutputHelper output)
{
    private const string File = "exact_comparison";

    public static TheoryData<string> CaseIds => Oracle.CaseIds(File);

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Compare_ProfilesHoldingEveryValue_KsAndWassersteinEqualScipy(string id)
    {
        var c = Oracle.Case(File, id);
        double[] reference = Oracle.Doubles(c.GetProperty("reference"));
        double[] current = Oracle.Doubles(c.GetProperty("current"));

        var report = ProfileComparison.Compare(ProfileOf(reference), ProfileOf(current));

        var ks = Detector(report, "ks");
        Assert.Equal(Exactness.Exact, ks.Exactness);
        Assert.Null(ks.StatisticBound);

        // D is a correctly rounded ratio of integers; the p-value tolerance is the KS oracle tests' one
        // against SciPy's exact recursion (abs 1e-14 + rel 1e-8; our own p matches exact integers to 1e-10).
        Tolerance.Close(c.GetProperty("ks_statistic").GetDouble(), ks.Statistic, 1e-12, 0, $"{id} D");
        Tolerance.Close(c.GetProperty("ks_pvalue").GetDouble(), ks.PValue!.Value, 1e-14, 1e-8, $"{id} p");
        Assert.Equal(reference.Length, ks.ReferenceCount);
        Assert.Equal(current.Length, ks.CurrentCount);

        var wasserstein = Detector(report, "wasserstein");
        Assert.Equal(Exactness.Exact, wasserstein.Exactness);
        Assert.Null(wasserstein.StatisticBound);
        Tolerance.Close(c.GetProperty("wasserstein_normalized").GetDouble(), wasserstein.Statistic, 1e-12, 1e-12, $"{id} W1 normalized");
        var raw = WassersteinDistance.Compute(reference, current);
        Tolerance.Close(c.GetProperty("wasserstein").GetDouble(), raw.Distance, 1e-12, 1e-12, $"{id} W1");
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Compare_AboveTheExactLimit_BoundedWithinStatisticBound(string id)
    {
        var c = Oracle.Case(File, id);
        double[] reference = Oracle.Doubles(c.GetProperty("reference"));
        double[] current = Oracle.Doubles(c.GetProperty("current"));

        var report = ProfileComparison.Compare(ProfileOf(reference), ProfileOf(current), exactUpTo: 0);

        output.WriteLine(AssertWithinBounds(report, c.GetProperty("ks_statistic").GetDouble(), c.GetProperty("wasserstein_normalized").GetDouble(), id));
    }

    [Fact]
    public void Compare_ExactUpToBelowTheSampleSizes_Bounded()
    {
        double[] reference = [.. Enumerable.Range(0, 50).Select(i => (double)i)];
        double[] current = [.. Enumerable.Range(0, 40).Select(i => i + 10.5)];

        var report = ProfileComparison.Compare(ProfileOf(reference), ProfileOf(current), exactUpTo: 45);

        Assert.Equal(Exactness.Bounded, Detector(report, "ks").Exactness);
        Assert.Equal(Exactness.Bounded, Detector(report, "wasserstein").Exactness);
    }

    [Fact]
    public void Compare_NegativeExactUpTo_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProfileComparison.Compare(ProfileOf([1, 2]), ProfileOf([1, 2]), exactUpTo: -1));

    /// <summary>
    /// Compacted sketches on both sides (20,000 and 15,000 values, K = 600): the statistics carry the
    /// bins' and the sketches' errors, and the bound covers them on several shapes, heavy ties included.
    /// </summary>
    [Theory]
    [InlineData("normal")]
    [InlineData("lognormal")]
    [InlineData("six_values")]
    [InlineData("half_zero")]
    [InlineData("two_modes")]
    public void Compare_CompactedSketches_WithinStatisticBound(string shape)
    {
        var random = new Random(shape.Length * 7919);
        double[] reference = [.. Enumerable.Range(0, 20_000).Select(_ => Draw(random, shape, 0))];
        double[] current = [.. Enumerable.Range(0, 15_000).Select(_ => Draw(random, shape, 0.3))];
        var exactKs = KolmogorovSmirnov.TwoSample(reference, current);
        var exactW = WassersteinDistance.Compute(reference, current);

        var report = ProfileComparison.Compare(ProfileOf(reference), ProfileOf(current));

        output.WriteLine(AssertWithinBounds(report, exactKs.Statistic, exactW.Normalized, shape));
        Assert.Equal(Exactness.Bounded, Detector(report, "psi").Exactness);
    }

    [Fact]
    public void Compare_ProfilesHoldingEveryValue_PsiAndJensenShannonExact()
    {
        double[] reference = [.. Enumerable.Range(0, 300).Select(i => Math.Sin(i) * 10)];
        double[] current = [.. Enumerable.Range(0, 200).Select(i => Math.Cos(i) * 12)];

        var report = ProfileComparison.Compare(ProfileOf(reference), ProfileOf(current));

        Assert.All(report.Features.Single().Detectors, d => Assert.Equal(Exactness.Exact, d.Exactness));
    }

    [Fact]
    public void Compare_CategoricalCountersThatOverflowed_Bounded()
    {
        var reference = new ProfileBuilder([], ["c"], categoryCapacity: 8);
        var current = new ProfileBuilder([], ["c"], categoryCapacity: 8);
        for (int i = 0; i < 200; i++)
        {
            reference.Add([], [$"r{i % 20}"]);
            current.Add([], [$"r{i % 5}"]);
        }

        var report = ProfileComparison.Compare(reference.Build(), current.Build());

        Assert.All(report.Features.Single().Detectors, d => Assert.Equal(Exactness.Bounded, d.Exactness));
    }

    internal static Profile ProfileOf(double[] values)
    {
        var builder = new ProfileBuilder(["x"], sketchK: Math.Max(QuantileSketch.DefaultK, values.Length <= 5_000 ? values.Length : QuantileSketch.DefaultK));
        foreach (double v in values)
        {
            builder.Add([v], []);
        }

        return builder.Build();
    }

    /// <summary>Checks both statistics lie within their bounds of the exact ones; returns the errors and bounds.</summary>
    private static string AssertWithinBounds(DriftReport report, double exactD, double exactW, string what)
    {
        var ks = Detector(report, "ks");
        Assert.Equal(Exactness.Bounded, ks.Exactness);
        Assert.NotNull(ks.StatisticBound);
        Assert.True(
            Math.Abs(ks.Statistic - exactD) <= ks.StatisticBound!.Value,
            $"{what}: |D {ks.Statistic:R} − D_exact {exactD:R}| > bound {ks.StatisticBound:R}");

        var w = Detector(report, "wasserstein");
        Assert.Equal(Exactness.Bounded, w.Exactness);
        Assert.NotNull(w.StatisticBound);
        Assert.True(
            Math.Abs(w.Statistic - exactW) <= w.StatisticBound!.Value * (1 + 1e-12),
            $"{what}: |W {w.Statistic:R} − W_exact {exactW:R}| > bound {w.StatisticBound:R}");
        return FormattableString.Invariant(
            $"{what}: KS |D − D_exact| {Math.Abs(ks.Statistic - exactD):G3} ≤ {ks.StatisticBound:G3}; W |W − W_exact| {Math.Abs(w.Statistic - exactW):G3} ≤ {w.StatisticBound:G3}");
    }

    private static DriftResult Detector(DriftReport report, string name) =>
        report.Features.Single(f => f.Name == "x").Detectors.Single(d => d.Detector == name);

    private static double Draw(Random random, string shape, double shift)
    {
        double u = random.NextDouble(), v = random.NextDouble();
        double normal = Math.Sqrt(-2 * Math.Log(1 - u)) * Math.Cos(2 * Math.PI * v);
        return shape switch
        {
            "normal" => normal + shift,
            "lognormal" => Math.Exp((0.75 * normal) + shift),
            "six_values" => Math.Clamp(Math.Round(2.5 + shift + (1.2 * normal)), 0, 5),
            "half_zero" => random.NextDouble() < 0.5 ? 0 : -Math.Log(1 - u) * (1 + shift),
            _ => (random.NextDouble() < 0.3 ? -3 : 2) + normal + shift,
        };
    }
}
