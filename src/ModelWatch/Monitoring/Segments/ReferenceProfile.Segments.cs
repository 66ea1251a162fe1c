using ModelWatch.Statistics;

namespace ModelWatch.Monitoring;

/// <summary>A reference's segments: each segment's reference over the whole reference's bins and categories.</summary>
public sealed partial class ReferenceProfile
{
    private static readonly IReadOnlyDictionary<string, ReferenceProfile> NoSegments = new Dictionary<string, ReferenceProfile>(StringComparer.Ordinal);

    /// <summary>
    /// Gets each segment's reference, by segment name (empty for an unsegmented reference): the
    /// segment's rows counted over this reference's bins and categories, so a segment's windows compare
    /// with it directly. A segmented model uses them as its segments' references
    /// (<see cref="SegmentReferenceBasis.Profile"/>) and admits the heaviest first.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public IReadOnlyDictionary<string, ReferenceProfile> Segments { get; private set; } = NoSegments;

    /// <summary>The segments' names, heaviest first (ties by name).</summary>
    internal IEnumerable<string> SegmentsByWeight =>
        Segments.OrderByDescending(s => s.Value.RowCount).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key);

    /// <summary>Attaches the segments' references (once, while the reference is being built).</summary>
    internal ReferenceProfile WithSegments(Dictionary<string, ReferenceProfile> segments)
    {
        Segments = segments;
        return this;
    }

    /// <summary>
    /// A segment's categorical column over the model reference's categories; when none of the segment's
    /// values is among them (a segment named by a value the model's reference never saw, or whose values
    /// of this column are all new), there is nothing to compare with, and the column keeps the model
    /// reference's counts (the segment's features that name it are not tested within it anyway).
    /// </summary>
    internal static CategoricalReference SegmentColumnOr(CategoricalReference whole, long[] counts, long missing) =>
        counts.Any(n => n > 0) ? new CategoricalReference(whole.Name, [.. whole.Categories], counts, missing) : whole;

    /// <summary>
    /// A segment's reference over <paramref name="whole"/>'s bins and categories, from the segment's
    /// summaries: numeric bin counts from its sketch's ranks at the whole's edges (within the sketch's
    /// rank error), statistics from its moments, category counts (lower bounds) for the whole's
    /// categories — a value the whole reference never saw counts as unseen in the segment too.
    /// </summary>
    /// <returns>The segment's reference, or null when a numeric column has no finite value in the segment (the segment then falls back to the production rules).</returns>
    internal static ReferenceProfile? SegmentOver(ReferenceProfile whole, long rows, Func<int, (QuantileSketch Sketch, Moments Moments)> numericColumn, Func<int, CategoryCounts> categoricalColumn)
    {
        var numeric = new NumericReference[whole.Numeric.Length];
        for (int c = 0; c < numeric.Length; c++)
        {
            var w = whole.Numeric[c];
            var (sketch, moments) = numericColumn(c);
            if (moments.Count == 0 || sketch.Count == 0)
            {
                return null;
            }

            var edges = w.Edges.InteriorEdges;
            long[] counts = new long[w.Edges.BinCount];
            long below = 0;
            for (int b = 0; b < edges.Length; b++)
            {
                // Bins are (e[b−1], e[b]]: the rank at an edge counts the values at or below it.
                long rank = Math.Max(below, sketch.Rank(edges[b]));
                counts[b] = rank - below;
                below = rank;
            }

            counts[^1] = sketch.Count - below;
            numeric[c] = new NumericReference(w.Name, w.Edges, counts, w.PsiEdges, moments.MissingCount, moments.NonFiniteCount,
                moments.Mean, moments.PopulationStandardDeviation, moments.Min, moments.Max, rankError: sketch.RankErrorBound);
        }

        var categorical = new CategoricalReference[whole.Categorical.Length];
        for (int c = 0; c < categorical.Length; c++)
        {
            var w = whole.Categorical[c];
            var counts = categoricalColumn(c);
            var lower = counts.GetCounts().ToDictionary(x => x.Value, x => x.LowerBound, StringComparer.Ordinal);
            categorical[c] = SegmentColumnOr(w, [.. w.Categories.Select(k => lower.GetValueOrDefault(k))], counts.MissingCount);
        }

        return new ReferenceProfile(whole.Schema, numeric, categorical, rows, whole.Bins, whole.PsiBins);
    }
}
