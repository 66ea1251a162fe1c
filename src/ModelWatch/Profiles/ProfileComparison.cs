using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Statistics;

namespace ModelWatch.Profiles;

/// <summary>
/// Compares a current profile with a reference profile exactly as a monitor compares a window with
/// its reference: the reference is frozen into quantile bins, the current profile's sketch is counted
/// into them, and every detector runs from those counts (docs/runtime.md, "detectors from counts"),
/// except KS and Wasserstein on a numeric column whose two profiles still hold every value: those are
/// computed on the raw values, as SciPy's <c>ks_2samp</c> and <c>wasserstein_distance</c> would.
/// The command-line tool's <c>compare</c> is this method.
/// </summary>
/// <remarks>
/// Every <see cref="DriftResult"/> says which it is (<see cref="DriftResult.Exactness"/>): KS and
/// Wasserstein from the raw values are <see cref="Exactness.Exact"/>; from counts they are
/// <see cref="Exactness.Bounded"/>, with their proven bound in <see cref="DriftResult.StatisticBound"/>
/// (docs/detectors.md, "Exact or bounded"). PSI, Jensen–Shannon and chi-squared are exact (they are
/// defined on their bins) unless a profile's sketch or category counter had to approximate the counts.
/// </remarks>
public static partial class ProfileComparison
{
    /// <summary>Compares <paramref name="current"/> with <paramref name="reference"/>.</summary>
    /// <param name="reference">The reference (e.g. the training data's profile).</param>
    /// <param name="current">The data to check; it must have the reference's columns (in any order).</param>
    /// <param name="drift">Detector settings and thresholds (null: the defaults, as for a monitored model).</param>
    /// <param name="bins">Fine bins per numeric column (KS and Wasserstein resolution about 1/bins when not exact).</param>
    /// <param name="psiBins">PSI bins (a divisor of <paramref name="bins"/>).</param>
    /// <param name="exactUpTo">
    /// The most values per column (in each profile) for which KS and Wasserstein are computed on the
    /// raw values; null (the default) for as many as the profiles hold — a profile's numeric column holds
    /// every value until its sketch first compacts, at the sketch's K values (600 by default; build the
    /// profiles with a larger <c>sketchK</c> to raise it). 0 evaluates every column from bin counts.
    /// </param>
    /// <returns>The per-column results and the dataset-level verdict.</returns>
    /// <exception cref="ArgumentException">The profiles' columns differ, or a setting is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exactUpTo"/> is negative.</exception>
    public static DriftReport Compare(Profile reference, Profile current, DriftOptions? drift = null, int bins = 100, int psiBins = 10, int? exactUpTo = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (exactUpTo is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exactUpTo), exactUpTo, "The exact limit must be 0 (never exact) or more.");
        }

        var schema = reference.Schema;
        long limit = exactUpTo ?? long.MaxValue;
        var frozen = reference.ToReference(bins, psiBins, limit);
        var options = new ModelOptions
        {
            Prediction = schema.Prediction,
            Drift = drift ?? new DriftOptions(),
            Reference = { Bins = bins, PsiBins = psiBins },
            SuppliedReference = frozen,
        };
        foreach (string name in schema.NumericFeatures)
        {
            options.Features.Add(new FeatureOptions { Name = name, Kind = FeatureKind.Numeric });
        }

        foreach (string name in schema.CategoricalFeatures)
        {
            options.Features.Add(new FeatureOptions { Name = name, Kind = FeatureKind.Categorical });
        }

        string model = reference.ModelName ?? "dataset";
        var validation = new ModelOptionsValidator().Validate(model, options);
        if (validation.Failed)
        {
            throw new ArgumentException(string.Join(" ", validation.Failures), nameof(drift));
        }

        var definition = ModelDefinition.Create(model, options);
        var columns = schema.NumericColumns.Select(name => Matching(reference, current, name, FeatureKind.Numeric)).ToArray();
        int samples = (int)Math.Min(columns.Select(f => ExactCount(f.Sketch!, limit)).DefaultIfEmpty(0).Max(), int.MaxValue);
        var layout = new MonitorLayout(schema, frozen, ModelOptions.DefaultCategoryCapacity, exactSamples: samples);
        var window = CountInto(layout, reference, current, limit);
        var report = WindowEvaluator.Evaluate(definition, window, 0, 0, complete: true, clock: null, current.CreatedAt ?? DateTimeOffset.UnixEpoch);
        return report.WithWindow(current.WindowStart, current.WindowEnd);
    }

    /// <summary>How many values a sketch holds exactly within the limit: its count, or 0 when it compacted or holds more.</summary>
    private static long ExactCount(QuantileSketch sketch, long limit) =>
        sketch.IsExact && sketch.Count <= limit ? sketch.Count : 0;

    /// <summary>The current profile as a window over the reference's bins and categories.</summary>
    private static WindowAccumulator CountInto(MonitorLayout layout, Profile reference, Profile current, long limit)
    {
        var schema = layout.Schema;
        var frozen = layout.Reference!;
        var window = new WindowAccumulator(layout)
        {
            Events = current.Rows,
            BinRankErrors = new double[schema.NumericColumns.Length],
            ApproximateBuckets = new bool[schema.CategoricalColumns.Length],
        };
        for (int c = 0; c < schema.NumericColumns.Length; c++)
        {
            var column = Matching(reference, current, schema.NumericColumns[c], FeatureKind.Numeric);
            var moments = column.Moments!;
            var sketch = column.Sketch!;
            var numeric = frozen.Numeric[c];
            ref var cell = ref window.Numeric[c];
            cell.Missing = moments.MissingCount;
            cell.NonFinite = moments.NonFiniteCount;
            if (moments.Count > 0)
            {
                cell.Count = moments.Count;
                cell.Center = moments.Mean;
                cell.Sum1 = 0;
                cell.Sum2 = moments.PopulationVariance * moments.Count;
                cell.Min = moments.Min;
                cell.Max = moments.Max;
                long below = sketch.Rank(Math.BitDecrement(numeric.Min));
                cell.OutOfRange = below + (sketch.Count - sketch.Rank(numeric.Max));
            }

            // Counts per reference bin from the sketch's ranks at the bin edges.
            var interior = numeric.Edges.InteriorEdges;
            var bins = window.Bins.AsSpan(layout.BinOffsets[c], numeric.Edges.BinCount);
            long seen = 0;
            for (int b = 0; b < interior.Length; b++)
            {
                long rank = sketch.Rank(interior[b]);
                bins[b] = Math.Max(0, rank - seen);
                seen = Math.Max(seen, rank);
            }

            bins[^1] = Math.Max(0, sketch.Count - seen);
            window.BinRankErrors[c] = sketch.RankErrorBound;
            if (window.Samples is { } samples)
            {
                if (ExactCount(sketch, limit) > 0)
                {
                    samples.Set(c, sketch.ExactValues);
                }
                else
                {
                    samples.MarkIncomplete(c);
                }
            }
        }

        for (int c = 0; c < schema.CategoricalColumns.Length; c++)
        {
            var column = Matching(reference, current, schema.CategoricalColumns[c], FeatureKind.Categorical);
            var referenceColumn = Matching(current, reference, schema.CategoricalColumns[c], FeatureKind.Categorical);
            window.ApproximateBuckets[c] = !column.Categories!.IsExact || !referenceColumn.Categories!.IsExact;
            var categories = frozen.Categorical[c];
            var buckets = window.Buckets.AsSpan(layout.BucketOffsets[c], categories.Categories.Length + 1);
            window.CategoricalMissing[c] = column.Categories!.MissingCount;
            foreach (var entry in column.Categories.GetCounts())
            {
                int bucket = categories.IndexOf(entry.Value);
                buckets[bucket] += entry.LowerBound;
                if (bucket == categories.UnseenIndex)
                {
                    window.UnseenCategories += entry.LowerBound;
                }
            }

            // Values the bounded counter no longer tracks one by one are counted as unseen.
            long tracked = 0;
            foreach (long n in buckets)
            {
                tracked += n;
            }

            buckets[categories.UnseenIndex] += Math.Max(0, column.Categories.Count - tracked);
        }

        return window;
    }

    private static FeatureProfile Matching(Profile reference, Profile current, string schemaColumn, FeatureKind kind)
    {
        var column = schemaColumn == ModelSchema.PredictionColumn && current.Features.FirstOrDefault(f => f.IsPrediction) is { } prediction
            ? prediction
            : current.Find(schemaColumn);
        if (column is null || column.Kind != kind)
        {
            throw new ArgumentException($"The current profile has no {kind.ToString().ToLowerInvariant()} column '{schemaColumn}' (the reference's columns: {string.Join(", ", reference.Features.Select(f => f.Name))}).", nameof(current));
        }

        return column;
    }
}
