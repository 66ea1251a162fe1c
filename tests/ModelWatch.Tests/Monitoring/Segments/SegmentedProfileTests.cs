using ModelWatch.Monitoring;
using ModelWatch.Profiles;
using ModelWatch.Reporting;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>Segmented profiles offline: ProfileBuilder.SegmentBy, ProfileComparison.CompareSegments and the HTML report's segment table.</summary>
public sealed class SegmentedProfileTests
{
    private static Profile Build(ulong seed, int rows, string? shifted, params string[] countries)
    {
        var builder = new ProfileBuilder(["amount"], ["country"]).SegmentBy("country");
        var rng = new SplitMix64(seed);
        for (int i = 0; i < rows; i++)
        {
            string country = countries[i % countries.Length];
            double mean = Array.IndexOf(countries, country) * 2 + (country == shifted ? 0.6 : 0);
            builder.Add([mean + rng.NextNormal()], [country]);
        }

        return builder.Build(ProfileKind.Reference);
    }

    [Fact]
    public void CompareSegments_FindsTheShiftedSegment_AndReportsTheNewOneWithoutAVerdict()
    {
        var reference = Build(1, 6_000, null, "US", "DE", "FR");
        var current = Build(2, 8_000, "FR", "US", "DE", "FR", "IT");
        Assert.Equal(["DE", "FR", "US"], reference.Segments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(reference.Rows, reference.Segments.Values.Sum(s => s.Rows));

        var report = ProfileComparison.CompareSegments(reference, current, "country");
        Assert.Equal("FR", report.Segments[0].Name);
        Assert.True(report.Segments[0].IsDrift);
        Assert.Equal(["amount"], report.Segments[0].DriftedFeatures.ToArray());
        Assert.False(report.Segments.Single(s => s.Name == "US").IsDrift);
        Assert.False(report.Segments.Single(s => s.Name == "DE").IsDrift);
        var italy = report.Segments.Single(s => s.Name == "IT");
        Assert.Equal(SegmentStatus.NoReference, italy.Status);
        Assert.Equal(2_000, italy.Predictions);

        var html = new StringWriter();
        HtmlReport.Write(html, report, reference, current);
        string page = html.ToString();
        Assert.Contains("<section id=\"segments\">", page, StringComparison.Ordinal);
        Assert.Contains("<tr data-segment=\"FR\"><td>FR</td><td>drift</td>", page, StringComparison.Ordinal);
        Assert.Contains("not judged: no reference rows", page, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareSegments_OtherHoldingOnlyRowsWithoutASegmentValue_IsJudgedOnTheOtherColumns()
    {
        // `(other)` collects the rows whose country is missing: its country column has no value at all.
        static Profile WithMissingCountries(ulong seed, double shift)
        {
            var builder = new ProfileBuilder(["amount"], ["country", "device"]).SegmentBy("country");
            var rng = new SplitMix64(seed);
            for (int i = 0; i < 3_000; i++)
            {
                string? country = (i % 3) switch { 0 => "US", 1 => "DE", _ => null };
                builder.Add([rng.NextNormal() + (country is null ? shift : 0)], [country, i % 2 == 0 ? "ios" : "android"]);
            }

            return builder.Build(ProfileKind.Reference);
        }

        var report = ProfileComparison.CompareSegments(WithMissingCountries(1, 0), WithMissingCountries(2, 0.5), "country");
        var other = report.Segments.Single(s => s.Name == SegmentNames.Other);
        Assert.Equal(SegmentStatus.Evaluated, other.Status);
        Assert.True(other.IsDrift);
        Assert.Equal(["amount"], other.DriftedFeatures.ToArray());
        Assert.False(report.Segments.Single(s => s.Name == "US").IsDrift);
    }

    [Fact]
    public void SegmentedBuilder_KeepsAtMostMaxSegments_TheRestInOther_AndTakesWholeRowsOnly()
    {
        var builder = new ProfileBuilder(["v"], ["k"]).SegmentBy("k", maxSegments: 2);
        builder.Add([1], ["a"]);
        builder.Add([2], ["b"]);
        builder.Add([3], ["c"]);
        builder.Add([4], [null]);
        var profile = builder.Build();
        Assert.Equal(["(other)", "a", "b"], profile.Segments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, profile.Segments[SegmentNames.Other].Rows);
        Assert.Throws<InvalidOperationException>(() => builder.AddNumeric(0, 1));
        Assert.Throws<ArgumentException>(() => new ProfileBuilder(["v"], ["k"]).SegmentBy("v"));
    }
}
