using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>
/// Turns one merged window into a <see cref="DriftReport"/>: every detector per column from the
/// window's counts over the reference's bins (O(bins) per column, no raw data), the verdict of the
/// detector the model's settings choose, and the dataset-level verdict over the input features.
/// </summary>
/// <remarks>
/// Numeric columns: KS from the fine-bin counts (D exact to within the largest bin share, see
/// <see cref="KolmogorovSmirnov.FromBinnedCounts"/>), PSI and Jensen–Shannon over the PSI bins, and
/// the normalized Wasserstein distance from the fine bins with the window's and the reference's
/// min and max as outer bounds (the midpoint of <see cref="WassersteinDistance.FromBinnedCounts"/>'s
/// bounds). Categorical columns: chi-squared, PSI and Jensen–Shannon over the reference categories
/// plus one bucket for unseen ones.
/// When the reference keeps its values and the window kept every one of its values
/// (<see cref="DriftOptions.ExactSamplesUpTo"/>, or profiles that hold every value), KS and Wasserstein
/// are computed on the raw samples instead and are <see cref="Exactness.Exact"/>; from counts they are
/// <see cref="Exactness.Bounded"/> with their proven bound in <see cref="DriftResult.StatisticBound"/>.
/// </remarks>
internal static class WindowEvaluator
{
    /// <summary>
    /// Evaluates a merged window against <paramref name="reference"/>, or the layout's reference when it is null (a
    /// segment's reference has the same bins and categories). Multivariate drift is the whole model's: a segment's
    /// report carries none here (<see cref="SegmentMultivariate"/> adds the segment's, with its own thresholds).
    /// </summary>
    public static DriftReport Evaluate(ModelDefinition definition, WindowAccumulator window, long firstEpoch, long lastEpoch, bool complete, WindowClock? clock, DateTimeOffset now, ReferenceProfile? reference = null, MultivariateCalibration? calibration = null)
    {
        bool segment = reference is not null;
        reference ??= window.Layout.Reference!;
        var schema = definition.Schema;
        var policy = new DriftDetectorPolicy { LargeSampleThreshold = definition.LargeSampleThreshold };
        var features = ImmutableArray.CreateBuilder<FeatureDriftReport>(schema.NumericColumns.Length + schema.CategoricalColumns.Length);

        for (int c = 0; c < schema.NumericColumns.Length; c++)
        {
            features.Add(Numeric(definition, policy, window, c, reference.Numeric[c], c == schema.NumericFeatures.Length));
        }

        for (int c = 0; c < schema.CategoricalColumns.Length; c++)
        {
            features.Add(Categorical(definition, policy, window, c, reference.Categorical[c], c == schema.CategoricalFeatures.Length));
        }

        // The dataset verdict covers input features with data; the correction applies across them.
        // The verdicts are only read by the correction: a rented buffer, not an array per report.
        int columns = features.Count;
        Span<int> inputs = columns <= 512 ? stackalloc int[columns] : new int[columns];
        var verdicts = ArrayPool<DriftResult>.Shared.Rent(columns);
        int tested = 0;
        DatasetDriftResult? dataset = null;
        try
        {
            for (int i = 0; i < columns; i++)
            {
                if (!features[i].IsPrediction && features[i].Verdict is { } verdict)
                {
                    inputs[tested] = i;
                    verdicts[tested++] = verdict;
                }
            }

            if (tested > 0)
            {
                dataset = DatasetDrift.Evaluate(verdicts.AsSpan(0, tested), definition.DatasetDriftShare, definition.Correction);
                for (int k = 0; k < tested; k++)
                {
                    features[inputs[k]].IsDrift = dataset.Value.FeatureIsDrift[k];
                }
            }
        }
        finally
        {
            ArrayPool<DriftResult>.Shared.Return(verdicts, clearArray: true);
        }

        return new DriftReport(definition, firstEpoch, lastEpoch, complete, clock, now)
        {
            Status = window.Events == 0 ? DriftReportStatus.EmptyWindow : DriftReportStatus.Evaluated,
            Predictions = window.Events,
            SchemaViolations = window.SchemaViolations,
            FailedPredictions = window.Errors,
            MeanLatencySeconds = window.LatencyCount == 0 ? double.NaN : window.LatencySum / window.LatencyCount,
            MaxLatencySeconds = window.LatencyCount == 0 ? double.NaN : window.LatencyMax,
            Features = features.MoveToImmutable(),   // built at its capacity: no copy
            Dataset = dataset,
            Multivariate = segment ? null : MultivariateDriftResult.From(window.Layout.Multivariate, calibration, in window.Reconstruction),
        };
    }

    /// <summary>A report for a model without a reference: data quality only.</summary>
    public static DriftReport WithoutReference(ModelDefinition definition, WindowAccumulator? window, long firstEpoch, long lastEpoch, bool complete, WindowClock? clock, DateTimeOffset now)
    {
        return new DriftReport(definition, firstEpoch, lastEpoch, complete, clock, now)
        {
            Status = DriftReportStatus.NoReference,
            Predictions = window?.Events ?? 0,
            SchemaViolations = window?.SchemaViolations ?? 0,
            FailedPredictions = window?.Errors ?? 0,
            Multivariate = window is null ? null : MultivariateDriftResult.From(window.Layout.Multivariate, calibration: null, in window.Reconstruction),
        };
    }

    private static FeatureDriftReport Numeric(ModelDefinition definition, DriftDetectorPolicy policy, WindowAccumulator window, int c, NumericReference reference, bool isPrediction)
    {
        ref readonly NumericCell cell = ref window.Numeric[c];
        var fine = window.Bins.AsSpan(window.Layout.BinOffsets[c], reference.Edges.BinCount);
        var refPsi = reference.PsiCounts.AsSpan();
        var curPsi = new long[reference.PsiEdges.BinCount];
        reference.ToPsiCounts(fine, curPsi);

        var report = new FeatureDriftReport
        {
            Name = reference.Name,
            Kind = FeatureKind.Numeric,
            IsPrediction = isPrediction,
            Count = cell.Count,
            MissingCount = cell.Missing,
            NonFiniteCount = cell.NonFinite,
            OutOfRangeCount = cell.OutOfRange,
            Mean = cell.Mean,
            StandardDeviation = Math.Sqrt(cell.PopulationVariance),
            Min = cell.Count == 0 ? double.NaN : cell.Min,
            Max = cell.Count == 0 ? double.NaN : cell.Max,
            BinEdges = reference.PsiEdges.InteriorEdges,
            ReferenceCounts = reference.PsiCounts,   // the reference's own, shared by every report on it
            CurrentCounts = ImmutableCollectionsMarshal.AsImmutableArray(curPsi),   // fresh, never written again
        };
        if (cell.Count == 0)
        {
            return report;
        }

        var chosen = Choose(definition, policy, reference.Name, FeatureKind.Numeric, cell.Count);
        double ksAlpha = Threshold(definition, reference.Name, DriftDetectorKind.KolmogorovSmirnov);
        double wassersteinThreshold = Threshold(definition, reference.Name, DriftDetectorKind.Wasserstein);
        var psi = PopulationStabilityIndex.VerdictFromCounts(refPsi, curPsi, Threshold(definition, reference.Name, DriftDetectorKind.PopulationStabilityIndex));
        var js = JensenShannon.FromCounts(refPsi, curPsi).ToDriftResult(Threshold(definition, reference.Name, DriftDetectorKind.JensenShannon));
        DriftResult ks, wasserstein;
        if (RawSamples(window, c, reference) is var (referenceValues, currentValues))
        {
            ks = KolmogorovSmirnov.TwoSample(referenceValues, currentValues).ToDriftResult(ksAlpha);
            wasserstein = WassersteinDistance.Compute(referenceValues, currentValues).ToDriftResult(wassersteinThreshold);
        }
        else
        {
            double currentRankError = window.BinRankErrors?[c] ?? 0;
            // A p-value that decides nothing (another detector gives the verdict) needs no exact value.
            int tests = chosen != DriftDetectorKind.KolmogorovSmirnov ? 0
                : definition.Correction == MultipleTestingCorrection.None ? 1
                : Math.Max(1, definition.Schema.NumericColumns.Length + definition.Schema.CategoricalColumns.Length);
            ks = BinnedKs(reference, fine, currentRankError, ksAlpha, tests);
            wasserstein = BinnedWasserstein(reference, cell, fine, currentRankError, wassersteinThreshold);
            if (reference.RankError > 0 || currentRankError > 0)
            {
                // PSI and JS are defined on these bins, but their counts came from a sketch's ranks.
                psi = psi with { Exactness = Exactness.Bounded };
                js = js with { Exactness = Exactness.Bounded };
            }
        }

        var verdict = chosen switch
        {
            DriftDetectorKind.KolmogorovSmirnov => ks,
            DriftDetectorKind.PopulationStabilityIndex => psi,
            DriftDetectorKind.JensenShannon => js,
            DriftDetectorKind.Wasserstein => wasserstein,
            _ => throw new InvalidOperationException($"Detector {chosen} does not apply to numeric column '{reference.Name}'."),
        };

        return With(report, verdict, [ks, psi, js, wasserstein]);
    }

    private static FeatureDriftReport Categorical(ModelDefinition definition, DriftDetectorPolicy policy, WindowAccumulator window, int c, CategoricalReference reference, bool isPrediction)
    {
        int buckets = reference.Categories.Length + 1;
        var current = window.Buckets.AsSpan(window.Layout.BucketOffsets[c], buckets);
        var referenceCounts = reference.BucketCounts.AsSpan();
        long count = 0;
        foreach (long n in current)
        {
            count += n;
        }

        var report = new FeatureDriftReport
        {
            Name = reference.Name,
            Kind = FeatureKind.Categorical,
            IsPrediction = isPrediction,
            Count = count,
            MissingCount = window.CategoricalMissing[c],
            UnseenCount = current[^1],
            Categories = reference.ReportCategories,
            ReferenceCounts = reference.BucketCounts,
            CurrentCounts = [.. current],
        };
        if (count == 0)
        {
            return report;
        }

        var chi = ChiSquaredTest.FromCounts(referenceCounts, current).ToDriftResult(Threshold(definition, reference.Name, DriftDetectorKind.ChiSquared));
        var psi = PopulationStabilityIndex.VerdictFromCounts(referenceCounts, current, Threshold(definition, reference.Name, DriftDetectorKind.PopulationStabilityIndex));
        var js = JensenShannon.FromCounts(referenceCounts, current).ToDriftResult(Threshold(definition, reference.Name, DriftDetectorKind.JensenShannon));
        if (window.ApproximateBuckets?[c] == true)
        {
            chi = chi with { Exactness = Exactness.Bounded };
            psi = psi with { Exactness = Exactness.Bounded };
            js = js with { Exactness = Exactness.Bounded };
        }

        var chosen = Choose(definition, policy, reference.Name, FeatureKind.Categorical, count);
        var verdict = chosen switch
        {
            DriftDetectorKind.ChiSquared => chi,
            DriftDetectorKind.PopulationStabilityIndex => psi,
            DriftDetectorKind.JensenShannon => js,
            _ => throw new InvalidOperationException($"Detector {chosen} does not apply to categorical column '{reference.Name}'."),
        };

        return With(report, verdict, [chi, psi, js]);
    }

    /// <summary>
    /// The column's raw reference and window values when both are known in full: the reference keeps
    /// its values and the window kept every one of its finite values (<see cref="DriftOptions.ExactSamplesUpTo"/>,
    /// or a profile that still holds every value).
    /// </summary>
    private static (double[] Reference, double[] Current)? RawSamples(WindowAccumulator window, int c, NumericReference reference)
    {
        if (reference.Values is not { Length: > 0 } referenceValues || window.Samples is not { } samples || !samples.IsComplete(c))
        {
            return null;
        }

        var current = samples.Values(c);
        return current.Length == window.Numeric[c].Count ? (referenceValues, current.ToArray()) : null;
    }

    /// <summary>
    /// KS from the fine-bin counts, <see cref="Exactness.Bounded"/>: with s the largest bin share of
    /// either side and ε_ref, ε_cur the rank errors of the counts (0 when every value was counted),
    /// |D − D_raw| ≤ s + ε_ref + ε_cur + 2·max(ε_ref, ε_cur) (docs/detectors-ks.md, "Exact or bounded").
    /// The p-value is exact wherever it could change a verdict, asymptotic elsewhere (<see cref="KsVerdictScreen"/>):
    /// <paramref name="tests"/> is the number of tests a multiple-testing correction spreads
    /// <paramref name="alpha"/> over (1 without one; 0 when KS does not give the verdict).
    /// </summary>
    private static DriftResult BinnedKs(NumericReference reference, ReadOnlySpan<long> fine, double currentRankError, double alpha, int tests)
    {
        var ks = tests == 0
            ? KolmogorovSmirnov.FromBinnedCounts(reference.CountsSpan, fine, KsMethod.Asymptotic)
            : KsVerdictScreen.FromBinnedCounts(reference.CountsSpan, fine, alpha / tests, alpha);
        double rankErrors = reference.RankError + currentRankError;
        double bound = ks.StatisticErrorBound + rankErrors + (2 * Math.Max(reference.RankError, currentRankError));
        return ks.ToDriftResult(alpha).Bounded(Math.Min(bound, 1.0));
    }

    /// <summary>
    /// The normalized Wasserstein distance from the fine-bin counts, <see cref="Exactness.Bounded"/>:
    /// the midpoint of <see cref="WassersteinDistance.FromBinnedCounts"/>'s bounds, within their half
    /// width plus (ε_ref + ε_cur)·(max − min) of the raw W1, divided by the normalizing scale.
    /// </summary>
    private static DriftResult BinnedWasserstein(NumericReference reference, in NumericCell cell, ReadOnlySpan<long> fine, double currentRankError, double threshold)
    {
        // All bin boundaries: the pooled min, the interior edges, the pooled max, strictly increasing.
        var interior = reference.Edges.InteriorEdges;
        Span<double> edges = interior.Length <= 1_022 ? stackalloc double[interior.Length + 2] : new double[interior.Length + 2];
        interior.AsSpan().CopyTo(edges[1..]);
        double low = Math.Min(reference.Min, cell.Min), high = Math.Max(reference.Max, cell.Max);
        edges[0] = low < interior[0] ? low : Math.BitDecrement(interior[0]);
        edges[^1] = high > interior[^1] ? high : Math.BitIncrement(interior[^1]);
        var bounds = WassersteinDistance.FromBinnedCounts(edges, reference.CountsSpan, fine);
        double scale = Math.Max(reference.StandardDeviation, WassersteinDistance.MinimumScale);
        double normalized = bounds.Estimate / scale;
        double error = bounds.MaxError + ((reference.RankError + currentRankError) * (edges[^1] - edges[0]));
        return new DriftResult
        {
            Detector = WassersteinDistance.DetectorName,
            Statistic = normalized,
            Threshold = threshold,
            Basis = DriftDecisionBasis.Statistic,
            IsDrift = normalized >= threshold,
            Exactness = Exactness.Bounded,
            StatisticBound = error / scale,
            ReferenceCount = reference.Count,
            CurrentCount = cell.Count,
        };
    }

    private static DriftDetectorKind Choose(ModelDefinition definition, DriftDetectorPolicy policy, string column, FeatureKind kind, long count) =>
        definition.FeatureOverrides.TryGetValue(column, out var o) && o.Detector is { } d ? d : policy.Select(kind, count);

    private static double Threshold(ModelDefinition definition, string column, DriftDetectorKind detector)
    {
        if (definition.FeatureOverrides.TryGetValue(column, out var o) && o.Threshold is { } t
            && (o.Detector is null || o.Detector == detector))
        {
            return t;
        }

        return detector switch
        {
            DriftDetectorKind.KolmogorovSmirnov or DriftDetectorKind.ChiSquared => definition.PValueThreshold,
            DriftDetectorKind.PopulationStabilityIndex => definition.PsiThreshold,
            DriftDetectorKind.JensenShannon => definition.JensenShannonThreshold,
            _ => definition.WassersteinThreshold,
        };
    }

    /// <summary>Completes a column's report with its detectors and verdict (before the report is published).</summary>
    private static FeatureDriftReport With(FeatureDriftReport r, DriftResult verdict, ImmutableArray<DriftResult> detectors)
    {
        r.Verdict = verdict;
        r.IsDrift = verdict.IsDrift;
        r.Detectors = detectors;
        return r;
    }
}
