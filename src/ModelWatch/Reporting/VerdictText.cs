using ModelWatch.Drift;
using ModelWatch.Monitoring;

namespace ModelWatch.Reporting;

/// <summary>
/// The words every view (the command-line table, the HTML report, the dashboard) puts beside a
/// detector's result: whether it decides the column's verdict, whether PSI rests on too few values,
/// and whether the statistic is exact or bounded. One place, so the three views say the same thing.
/// </summary>
/// <remarks>
/// <para>
/// A column computes several detectors but only one decides its verdict (<see cref="FeatureDriftReport.Verdict"/>,
/// after any multiple-testing correction). Only that one is marked <see cref="Drift"/> or
/// <see cref="NoDrift"/>; the others are <see cref="Information"/>: a PSI of 1.5 beside a
/// Kolmogorov–Smirnov test that found no drift is a value to read, not a second verdict.
/// </para>
/// <para>
/// PSI is <see cref="LowCount"/> when some bin expects fewer than <see cref="MinimumExpectedCount"/>
/// current values (the current count times the bin's reference share): there one or two values move
/// a bin's share by several points and PSI grows large without any change in the distribution. Bins
/// the reference never saw (the unseen-category bucket) expect nothing by construction and are left
/// out; their share is the ε replacement of <see cref="PopulationStabilityIndex.ZeroShareReplacement"/>.
/// </para>
/// </remarks>
internal static class VerdictText
{
    /// <summary>The mark of the deciding detector of a column that drifted.</summary>
    public const string Drift = "DRIFT";

    /// <summary>The mark of the deciding detector of a column that did not drift.</summary>
    public const string NoDrift = "ok";

    /// <summary>The mark of a detector that does not decide the column's verdict.</summary>
    public const string Information = "info";

    /// <summary>The mark of a PSI computed from too few values per bin.</summary>
    public const string LowCount = "low count";

    /// <summary>The mark of a column without a value in the current data.</summary>
    public const string NoData = "no data";

    /// <summary>The label of a statistic (and p-value) equal to the one of the raw samples.</summary>
    public const string Exact = "exact";

    /// <summary>The label of a bounded statistic whose bound is not known.</summary>
    public const string Bounded = "bounded";

    /// <summary>The fewest current values every PSI bin the reference saw should expect (the chi-squared rule of thumb).</summary>
    public const double MinimumExpectedCount = 5;

    /// <summary>What the marks mean, one sentence for every view's footnote.</summary>
    public const string MarksNote =
        "Only the detector that decides a column's verdict (after any multiple-testing correction) is marked DRIFT or ok; "
        + "the others (info) are shown for information and decide nothing.";

    /// <summary>What "low count" means, for every view's footnote.</summary>
    public const string LowCountNote =
        "low count: some PSI bin expects fewer than 5 current values (current count times the bin's reference share), "
        + "so PSI is unreliable there and is not read as an alarm.";

    /// <summary>What "exact" and a bound mean (HTML form).</summary>
    public const string ExactnessNote =
        "exact: the statistic and p-value the raw rows give (for PSI, chi-squared and Jensen-Shannon, those of their bins); "
        + "±b: computed from bins or sketches, the statistic within b of the raw rows' one and the p-value that of this statistic; "
        + "bounded: the same without a known bound.";

    /// <summary>What "exact" and a bound mean (ASCII form, for the terminal).</summary>
    public const string AsciiExactnessNote =
        "exact: the statistic and p-value the raw rows give (for PSI, chi-squared and Jensen-Shannon, those of their bins); "
        + "+-b: computed from bins or sketches, the statistic within b of the raw rows' one and the p-value that of this statistic; "
        + "bounded: the same without a known bound.";

    /// <summary>The mark of one detector of a column.</summary>
    /// <param name="feature">The column.</param>
    /// <param name="detector">One of <paramref name="feature"/>'s <see cref="FeatureDriftReport.Detectors"/>.</param>
    /// <returns>Its mark.</returns>
    public static VerdictMark Of(FeatureDriftReport feature, DriftResult detector)
    {
        bool lowCount = IsPsi(detector) && IsLowCount(feature);
        return Decides(feature, detector)
            ? new VerdictMark(feature.IsDrift ? VerdictKind.Drift : VerdictKind.NoDrift, lowCount)
            : new VerdictMark(VerdictKind.Information, lowCount);
    }

    /// <summary>The mark of a column's verdict: its deciding detector's, or <see cref="NoData"/>.</summary>
    /// <param name="feature">The column.</param>
    /// <returns>Its mark.</returns>
    public static VerdictMark Of(FeatureDriftReport feature) =>
        feature.Verdict is { } v ? Of(feature, v) : new VerdictMark(VerdictKind.NoData, LowCount: false);

    /// <summary>Whether a detector is the one that decides the column's verdict.</summary>
    public static bool Decides(FeatureDriftReport feature, DriftResult detector) =>
        feature.Verdict is { } v && string.Equals(v.Detector, detector.Detector, StringComparison.Ordinal);

    /// <summary>
    /// Whether the column's PSI bins are too thinly filled: some bin the reference saw expects fewer
    /// than <see cref="MinimumExpectedCount"/> current values.
    /// </summary>
    /// <param name="feature">The column, with its reference and current counts per PSI bin or category.</param>
    /// <returns>True when PSI rests on too few values.</returns>
    public static bool IsLowCount(FeatureDriftReport feature)
    {
        var reference = feature.ReferenceCounts;
        var current = feature.CurrentCounts;
        int n = Math.Min(reference.Length, current.Length);
        long referenceTotal = 0, currentTotal = 0;
        for (int i = 0; i < n; i++)
        {
            referenceTotal += reference[i];
            currentTotal += current[i];
        }

        if (referenceTotal <= 0 || currentTotal <= 0)
        {
            return false;
        }

        for (int i = 0; i < n; i++)
        {
            if (reference[i] > 0 && (double)currentTotal * reference[i] / referenceTotal < MinimumExpectedCount)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the statistic is exact or within which bound: <see cref="Exact"/>, <c>±0.01</c>
    /// (<c>+-0.01</c> in ASCII), or <see cref="Bounded"/> without a known bound.
    /// </summary>
    /// <param name="result">The detector's result.</param>
    /// <param name="ascii">True for the terminal's ASCII-only form.</param>
    /// <returns>The label.</returns>
    public static string Exactness(DriftResult result, bool ascii = false) => result switch
    {
        { Exactness: ModelWatch.Drift.Exactness.Exact } => Exact,
        { StatisticBound: { } bound } when double.IsFinite(bound) => (ascii ? "+-" : "±") + StatisticFormat.Statistic(bound),
        _ => Bounded,
    };

    /// <summary>A class's name for a category that is a class index (<c>"4"</c> → <c>"sun"</c>), else the category.</summary>
    /// <param name="classNames">The model's class names in index order (<see cref="WindowReport.ClassNames"/>); empty for none.</param>
    /// <param name="category">The category as counted.</param>
    /// <returns>The name to show.</returns>
    public static string ClassName(IReadOnlyList<string> classNames, string category) =>
        classNames.Count > 0
        && int.TryParse(category, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i)
        && i < classNames.Count
            ? classNames[i]
            : category;

    /// <summary>
    /// A column's heading: its name, or for the model's prediction what it is: <c>Prediction — class</c>
    /// (a categorical prediction, e.g. a classifier's class) or <c>Prediction — value</c> (a score or a regression's value).
    /// </summary>
    /// <param name="feature">The column.</param>
    /// <returns>The heading.</returns>
    public static string ColumnTitle(FeatureDriftReport feature) =>
        !feature.IsPrediction ? feature.Name
        : feature.Kind == FeatureKind.Categorical ? "Prediction — class"
        : "Prediction — value";

    /// <summary>A column's kind in words: <c>numeric</c> or <c>categorical</c>, with <c>, prediction</c> for the model's prediction.</summary>
    /// <param name="feature">The column.</param>
    /// <returns>The words.</returns>
    public static string Kind(FeatureDriftReport feature) =>
        (feature.Kind == FeatureKind.Numeric ? "numeric" : "categorical") + (feature.IsPrediction ? ", prediction" : string.Empty);

    private static bool IsPsi(DriftResult detector) =>
        string.Equals(detector.Detector, PopulationStabilityIndex.DetectorName, StringComparison.Ordinal);
}

/// <summary>What a detector's mark says: <see cref="VerdictText"/>'s words for one detector of one column.</summary>
internal enum VerdictKind
{
    /// <summary>The deciding detector; the column drifted.</summary>
    Drift,

    /// <summary>The deciding detector; the column did not drift.</summary>
    NoDrift,

    /// <summary>Not the deciding detector: shown for information.</summary>
    Information,

    /// <summary>No value of the column in the current data.</summary>
    NoData,
}

/// <summary>A detector's mark: its <see cref="VerdictKind"/> and whether PSI rests on too few values.</summary>
/// <param name="Kind">What the mark says.</param>
/// <param name="LowCount">Whether the detector is a PSI over too thinly filled bins.</param>
internal readonly record struct VerdictMark(VerdictKind Kind, bool LowCount)
{
    /// <summary>Gets whether the mark is a verdict (the deciding detector) rather than information.</summary>
    public bool IsVerdict => Kind is VerdictKind.Drift or VerdictKind.NoDrift;

    /// <summary>Gets the mark's text: <c>DRIFT</c>, <c>ok</c>, <c>info</c>, <c>no data</c>, with <c>low count</c> where it applies.</summary>
    public string Text => (Kind, LowCount) switch
    {
        (VerdictKind.Drift, false) => VerdictText.Drift,
        (VerdictKind.Drift, true) => VerdictText.Drift + ", " + VerdictText.LowCount,
        (VerdictKind.NoDrift, false) => VerdictText.NoDrift,
        (VerdictKind.NoDrift, true) => VerdictText.NoDrift + ", " + VerdictText.LowCount,
        (VerdictKind.Information, false) => VerdictText.Information,
        (VerdictKind.Information, true) => VerdictText.LowCount,
        _ => VerdictText.NoData,
    };

    /// <summary>
    /// Writes the mark as HTML, alike in the report and the dashboard: a verdict as a coloured badge
    /// (<c>badge drift</c>, <c>badge stable</c>, <c>badge none</c>) followed by a muted "low count";
    /// information as muted text without a badge.
    /// </summary>
    /// <param name="w">Where to write.</param>
    public void WriteHtml(TextWriter w)
    {
        switch (Kind)
        {
            case VerdictKind.Drift:
                w.Write("<span class=\"badge drift\">" + VerdictText.Drift + "</span>");
                break;
            case VerdictKind.NoDrift:
                w.Write("<span class=\"badge stable\">" + VerdictText.NoDrift + "</span>");
                break;
            case VerdictKind.NoData:
                w.Write("<span class=\"badge none\">" + VerdictText.NoData + "</span>");
                return;
            default:
                w.Write(LowCount ? "<span class=\"info low\">" + VerdictText.LowCount + "</span>" : "<span class=\"info\">" + VerdictText.Information + "</span>");
                return;
        }

        if (LowCount)
        {
            w.Write(" <span class=\"info low\">" + VerdictText.LowCount + "</span>");
        }
    }
}
