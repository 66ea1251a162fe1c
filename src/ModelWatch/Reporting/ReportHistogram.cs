using ModelWatch.Profiles;
using ModelWatch.Statistics;

namespace ModelWatch.Reporting;

/// <summary>
/// Reference and current distributions of one column over common bins, as counts: equal-width bins
/// over the combined range for a numeric column (counted from the sketches' ranks), the most
/// frequent categories plus "other" for a categorical one.
/// </summary>
internal sealed class ReportHistogram
{
    /// <summary>The number of equal-width bins of a numeric column.</summary>
    public const int NumericBins = 20;

    /// <summary>The number of categories shown before the rest is lumped into "(other)".</summary>
    public const int TopCategories = 12;

    private ReportHistogram(string[] labels, long[] reference, long[] current, bool isNumeric)
    {
        Labels = labels;
        Reference = reference;
        Current = current;
        IsNumeric = isNumeric;
        ReferenceTotal = reference.Sum();
        CurrentTotal = current.Sum();
    }

    /// <summary>Gets the bins' labels: for numeric columns the bin edges (one more than the bins), else the categories.</summary>
    public string[] Labels { get; }

    /// <summary>Gets the reference counts per bin.</summary>
    public long[] Reference { get; }

    /// <summary>Gets the current counts per bin.</summary>
    public long[] Current { get; }

    /// <summary>Gets a value indicating whether the bins are numeric intervals.</summary>
    public bool IsNumeric { get; }

    /// <summary>Gets the reference's total count.</summary>
    public long ReferenceTotal { get; }

    /// <summary>Gets the current total count.</summary>
    public long CurrentTotal { get; }

    /// <summary>Gets the number of bins.</summary>
    public int BinCount => Reference.Length;

    /// <summary>The histogram of a column, or null when neither profile holds a value of it.</summary>
    /// <param name="reference">The column in the reference profile.</param>
    /// <param name="current">The column in the current profile.</param>
    /// <param name="classNames">
    /// For a classifier's prediction counted by class index, the classes' names in index order: a
    /// category <c>"4"</c> is labelled with name 4. Empty: categories as counted.
    /// </param>
    public static ReportHistogram? Create(FeatureProfile? reference, FeatureProfile? current, IReadOnlyList<string>? classNames = null) =>
        (reference ?? current) switch
        {
            null => null,
            { Sketch: not null } => Numeric(reference?.Sketch, current?.Sketch),
            _ => Categorical(reference?.Categories, current?.Categories, classNames ?? []),
        };

    private static ReportHistogram? Numeric(QuantileSketch? reference, QuantileSketch? current)
    {
        bool hasReference = reference is { IsEmpty: false };
        bool hasCurrent = current is { IsEmpty: false };
        if (!hasReference && !hasCurrent)
        {
            return null;
        }

        double lo = Math.Min(hasReference ? reference!.Min : double.PositiveInfinity, hasCurrent ? current!.Min : double.PositiveInfinity);
        double hi = Math.Max(hasReference ? reference!.Max : double.NegativeInfinity, hasCurrent ? current!.Max : double.NegativeInfinity);
        int bins = hi > lo ? NumericBins : 1;
        var edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++)
        {
            // Interpolate from both ends so the last edge is exactly hi (no value falls beyond it).
            double t = (double)i / bins;
            edges[i] = i == bins ? hi : lo + ((hi - lo) * t);
        }

        return new ReportHistogram(
            [.. edges.Select(e => StatisticFormat.Statistic(e))],
            Counts(reference, edges),
            Counts(current, edges),
            isNumeric: true);
    }

    /// <summary>Counts per bin (lo, e1], (e1, e2], …, with the first bin closed at lo, from the sketch's ranks.</summary>
    private static long[] Counts(QuantileSketch? sketch, double[] edges)
    {
        var counts = new long[edges.Length - 1];
        if (sketch is null || sketch.IsEmpty)
        {
            return counts;
        }

        long previous = 0;
        for (int b = 0; b < counts.Length; b++)
        {
            long rank = b == counts.Length - 1 ? sketch.Count : sketch.Rank(edges[b + 1]);
            counts[b] = Math.Max(0, rank - previous);
            previous = Math.Max(previous, rank);
        }

        return counts;
    }

    private static ReportHistogram? Categorical(CategoryCounts? reference, CategoryCounts? current, IReadOnlyList<string> classNames)
    {
        long referenceTotal = reference?.Count ?? 0;
        long currentTotal = current?.Count ?? 0;
        if (referenceTotal == 0 && currentTotal == 0)
        {
            return null;
        }

        var referenceCounts = (reference?.GetCounts() ?? []).ToDictionary(c => c.Value, c => c.LowerBound, StringComparer.Ordinal);
        var currentCounts = (current?.GetCounts() ?? []).ToDictionary(c => c.Value, c => c.LowerBound, StringComparer.Ordinal);
        double Share(long count, long total) => total == 0 ? 0 : (double)count / total;

        // The categories that matter most on either side, largest share first (ties: by name).
        var top = referenceCounts.Keys.Union(currentCounts.Keys, StringComparer.Ordinal)
            .Select(c => (Category: c, Share: Math.Max(
                Share(referenceCounts.GetValueOrDefault(c), referenceTotal),
                Share(currentCounts.GetValueOrDefault(c), currentTotal))))
            .OrderByDescending(x => x.Share)
            .ThenBy(x => x.Category, StringComparer.Ordinal)
            .Take(TopCategories)
            .Select(x => x.Category)
            .ToList();

        var labels = top.Select(c => VerdictText.ClassName(classNames, c)).ToList();
        var referenceBins = top.Select(x => referenceCounts.GetValueOrDefault(x)).ToList();
        var currentBins = top.Select(x => currentCounts.GetValueOrDefault(x)).ToList();

        // Everything else, including what a bounded counter no longer tracks one by one.
        long referenceOther = referenceTotal - referenceBins.Sum();
        long currentOther = currentTotal - currentBins.Sum();
        if (referenceOther > 0 || currentOther > 0)
        {
            labels.Add("(other)");
            referenceBins.Add(Math.Max(0, referenceOther));
            currentBins.Add(Math.Max(0, currentOther));
        }

        return new ReportHistogram([.. labels], [.. referenceBins], [.. currentBins], isNumeric: false);
    }
}
