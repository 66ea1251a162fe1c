using System.Collections.Immutable;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>
/// Evaluates the segments of one window: every segment with rows runs the model's detectors
/// (<see cref="WindowEvaluator"/>), segments with fewer than <see cref="SegmentOptions.MinPredictions"/>
/// are reported but not judged, and the p-values of every judged segment × column test (inputs and
/// prediction) are corrected together (<see cref="SegmentOptions.Correction"/>, Benjamini–Hochberg
/// by default), so the chance of any false segment verdict in a window stays near the significance
/// level however many segments there are.
/// </summary>
/// <remarks>
/// The features that name the segments are not tested within a segment (a segment holds one value
/// of them by definition); their reports stay, without a verdict counted anywhere.
/// A verdict on an effect size (PSI, Jensen–Shannon, Wasserstein, chosen above
/// <see cref="DriftOptions.LargeSampleThreshold"/> or by an override) has no p-value and keeps its
/// own verdict, as in the whole model's dataset verdict.
/// </remarks>
internal static class SegmentEvaluator
{
    public static ImmutableArray<SegmentDriftResult> Evaluate(ModelDefinition definition, MonitorSegments segments, long last, int span, bool complete, WindowClock? clock, DateTimeOffset now)
    {
        var options = definition.Segments!;
        var keys = segments.Keys;
        var references = segments.Windows.References;
        var evaluated = new List<Evaluated>();
        for (int slot = 0; slot < keys.Slots; slot++)
        {
            if (segments.Windows.Of(slot) is not { } epochs || keys.NameOf(slot) is not { } name)
            {
                continue;
            }

            // Read now and not kept: the report copies what it holds.
            var window = epochs.WindowToRead(last, span);
            if (window.Events == 0)
            {
                continue;
            }

            long first = last - span + 1;
            var (multivariate, multivariateP) = segments.Windows.Multivariate.Evaluate(slot, window, complete, options.MinPredictions);
            bool fromProfile = references.IsFromProfile(slot);
            if (!fromProfile && references.Gathers && (references.Of(slot) is null || first <= references.BuiltThrough(slot)))
            {
                // No reference of its own yet, or this window's rows went into it: reported, not judged.
                var counts = WindowEvaluator.WithoutReference(definition, window, first, last, complete, clock, now);
                evaluated.Add(new(name, counts, SegmentStatus.NoReference, SegmentReferenceBasis.Segment) { Estimated = definition.Quality.Estimation?.Estimate(window.Estimation), Multivariate = multivariate });
                continue;
            }

            var report = WindowEvaluator.Evaluate(definition, window, first, last, complete, clock, now, references.Of(slot) ?? window.Layout.Reference);
            var status = window.Events >= options.MinPredictions ? SegmentStatus.Evaluated : SegmentStatus.TooFewPredictions;
            var basis = fromProfile ? SegmentReferenceBasis.Profile : references.Gathers ? SegmentReferenceBasis.Segment : SegmentReferenceBasis.WholeModel;
            evaluated.Add(new(name, report, status, basis)
            {
                Estimated = definition.Quality.Estimation?.Estimate(window.Estimation),
                Multivariate = multivariate,
                MultivariatePValue = multivariateP,
            });
        }

        return Conclude(evaluated, new Rules(definition.DatasetDriftShare, options.Correction, options.ColumnNames, definition.PValueThreshold));
    }

    /// <summary>
    /// Corrects the judged segments' tests together and makes each segment's result, most severe
    /// first (the runtime's windows and offline profile comparisons alike).
    /// </summary>
    internal static ImmutableArray<SegmentDriftResult> Conclude(List<Evaluated> evaluated, Rules rules)
    {
        if (evaluated.Count == 0)
        {
            return [];
        }

        var (adjusted, multivariateDrift) = Correct(evaluated, rules);
        var results = new SegmentDriftResult[evaluated.Count];
        for (int i = 0; i < evaluated.Count; i++)
        {
            var e = evaluated[i];
            var multivariate = e.Multivariate is { } m ? SegmentMultivariate.WithVerdict(m, multivariateDrift[i]) : null;
            results[i] = e.Status == SegmentStatus.Evaluated ? Judged(rules, e, adjusted[i], multivariate) : NotJudged(e, multivariate);
        }

        Array.Sort(results, BySeverity);
        return [.. results];
    }

    /// <summary>
    /// Corrects every p-value verdict of the judged segments as one family (their columns' tests and
    /// their multivariate tests); sets each column's <see cref="FeatureDriftReport.IsDrift"/> and returns,
    /// per segment, its smallest corrected p-value and its multivariate verdict.
    /// </summary>
    private static (double?[] Smallest, bool[] MultivariateDrift) Correct(List<Evaluated> evaluated, Rules rules)
    {
        var (correction, segmentColumns) = (rules.Correction, rules.SegmentColumns);
        var tests = new List<FeatureDriftReport>();
        var owners = new List<int>();
        for (int i = 0; i < evaluated.Count; i++)
        {
            foreach (var feature in evaluated[i].Report.Features)
            {
                if (evaluated[i].Status != SegmentStatus.Evaluated || IsSegmentColumn(feature, segmentColumns))
                {
                    feature.IsDrift = false;
                }
                else if (feature.Verdict is { Basis: DriftDecisionBasis.PValue, PValue: double })
                {
                    tests.Add(feature);
                    owners.Add(i);
                }
                else
                {
                    feature.IsDrift = feature.Verdict?.IsDrift ?? false;
                }
            }
        }

        // The multivariate tests follow the column tests in the family.
        var multivariateOwners = new List<int>();
        for (int i = 0; i < evaluated.Count; i++)
        {
            if (evaluated[i] is { Status: SegmentStatus.Evaluated, MultivariatePValue: double mp } && !double.IsNaN(mp))
            {
                multivariateOwners.Add(i);
            }
        }

        var p = new double[tests.Count + multivariateOwners.Count];
        for (int k = 0; k < tests.Count; k++)
        {
            p[k] = tests[k].Verdict!.Value.PValue!.Value;
        }

        for (int k = 0; k < multivariateOwners.Count; k++)
        {
            p[tests.Count + k] = evaluated[multivariateOwners[k]].MultivariatePValue!.Value;
        }

        PValueAdjustment.Adjust(p, p, correction);
        var smallest = new double?[evaluated.Count];
        var multivariateDrift = new bool[evaluated.Count];
        for (int k = 0; k < p.Length; k++)
        {
            int owner;
            if (k < tests.Count)
            {
                tests[k].IsDrift = p[k] < tests[k].Verdict!.Value.Threshold;
                owner = owners[k];
            }
            else
            {
                owner = multivariateOwners[k - tests.Count];
                multivariateDrift[owner] = p[k] < rules.MultivariatePValueThreshold;
            }

            smallest[owner] = smallest[owner] is double s ? Math.Min(s, p[k]) : p[k];
        }

        return (smallest, multivariateDrift);
    }

    private static bool IsSegmentColumn(FeatureDriftReport feature, string[] segmentColumns) =>
        !feature.IsPrediction && feature.Kind == FeatureKind.Categorical && Array.IndexOf(segmentColumns, feature.Name) >= 0;

    private static SegmentDriftResult Judged(Rules rules, Evaluated e, double? smallest, MultivariateDriftResult? multivariate)
    {
        var (name, report) = (e.Name, e.Report);
        string[] segmentColumns = rules.SegmentColumns;
        var inputs = report.Features.Where(f => !f.IsPrediction && f.Verdict is not null && !IsSegmentColumn(f, segmentColumns)).ToArray();
        DatasetDriftResult? dataset = inputs.Length == 0 ? null : new DatasetDriftResult
        {
            FeatureCount = inputs.Length,
            DriftedCount = inputs.Count(f => f.IsDrift),
            ShareThreshold = rules.DatasetDriftShare,
            Correction = rules.Correction,
            FeatureIsDrift = [.. inputs.Select(f => f.IsDrift)],
        };
        var own = report.ForSegment(name, dataset, multivariate);
        return new SegmentDriftResult
        {
            Name = name,
            Status = SegmentStatus.Evaluated,
            Reference = e.Basis,
            Predictions = report.Predictions,
            IsDrift = own.IsDrift,
            DriftedFeatures = [.. inputs.Where(f => f.IsDrift).Select(f => f.Name)],
            SmallestAdjustedPValue = smallest,
            Estimated = e.Estimated,
            Report = own,
        };
    }

    private static SegmentDriftResult NotJudged(Evaluated e, MultivariateDriftResult? multivariate) => new()
    {
        Name = e.Name,
        Status = e.Status,
        Reference = e.Basis,
        Predictions = e.Report.Predictions,
        Estimated = e.Estimated,
        Report = e.Report.ForSegment(e.Name, dataset: null, multivariate),
    };

    /// <summary>One segment's window, evaluated or not, before the correction.</summary>
    internal sealed record Evaluated(string Name, DriftReport Report, SegmentStatus Status, SegmentReferenceBasis Basis)
    {
        /// <summary>A classifier's label-free estimate for the segment's window (null otherwise).</summary>
        public EstimatedPerformance? Estimated { get; init; }

        /// <summary>The segment's multivariate drift in the window before the correction (null without a detector).</summary>
        public MultivariateDriftResult? Multivariate { get; init; }

        /// <summary>The p-value of the segment's multivariate test (null while calibrating or without a detector).</summary>
        public double? MultivariatePValue { get; init; }
    }

    /// <summary>
    /// How segment verdicts are drawn: the dataset share, the correction, the columns that name the
    /// segments (not tested within them), and the significance level of the multivariate tests.
    /// </summary>
    internal sealed record Rules(double DatasetDriftShare, MultipleTestingCorrection Correction, string[] SegmentColumns, double MultivariatePValueThreshold = 0.05);

    private static int BySeverity(SegmentDriftResult a, SegmentDriftResult b)
    {
        int c = b.IsDrift.CompareTo(a.IsDrift);
        if (c != 0)
        {
            return c;
        }

        c = Share(b).CompareTo(Share(a));
        if (c != 0)
        {
            return c;
        }

        c = (a.SmallestAdjustedPValue ?? 2).CompareTo(b.SmallestAdjustedPValue ?? 2);
        if (c != 0)
        {
            return c;
        }

        c = b.Predictions.CompareTo(a.Predictions);
        return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
    }

    private static double Share(SegmentDriftResult r) => r.Report.Dataset is { FeatureCount: > 0 } d ? d.DriftedShare : 0;
}
