using ModelWatch.Drift;
using ModelWatch.Statistics;

namespace ModelWatch.Monitoring;

/// <summary>
/// Builds a <see cref="ReferenceProfile"/> from rows of training (or early production) data, in
/// the same shape the monitor logs: numeric features, categorical features and the prediction.
/// </summary>
/// <remarks>
/// <para>
/// Numeric columns are kept exactly up to <c>exactLimit</c> values each; the bin edges are then the
/// exact type-7 quantiles (the PSI convention of the drift detectors, so PSI from a monitor equals
/// <see cref="PopulationStabilityIndex.Compute"/> on the same data). Beyond the limit a column
/// continues in a <see cref="QuantileSketch"/>, and edges and bin counts carry the sketch's rank
/// error (at most 0.5% with 99% confidence). Categorical columns are counted exactly up to
/// <c>categoryCapacity</c> distinct values per column.
/// </para>
/// <para>Single-threaded. The builder keeps the values it needs until <see cref="Build"/>; the profile keeps none.</para>
/// </remarks>
public sealed partial class ReferenceProfileBuilder
{
    /// <summary>The default number of values per numeric column kept exactly.</summary>
    public const int DefaultExactLimit = 1_000_000;

    private readonly ModelSchema _schema;
    private readonly int _bins;
    private readonly int _psiBins;
    private readonly int _exactLimit;
    private readonly List<double>?[] _exact;
    private readonly QuantileSketch?[] _sketches;
    private readonly Moments[] _moments;
    private readonly CategoryCounts[] _categories;
    private readonly int _categoryCapacity;
    private long _rows;

    /// <summary>Initializes a builder.</summary>
    /// <param name="schema">The model's schema.</param>
    /// <param name="bins">Fine quantile bins per numeric column; a multiple of <paramref name="psiBins"/>.</param>
    /// <param name="psiBins">PSI bins per numeric column.</param>
    /// <param name="exactLimit">Values per numeric column kept exactly before switching to a sketch.</param>
    /// <param name="categoryCapacity">Distinct values per categorical column counted exactly.</param>
    /// <exception cref="ArgumentException">Out-of-range or inconsistent bin counts or limits.</exception>
    public ReferenceProfileBuilder(ModelSchema schema, int bins = 100, int psiBins = 10, int exactLimit = DefaultExactLimit, int categoryCapacity = 10_000)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfLessThan(psiBins, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, psiBins);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, 10_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(exactLimit, 1);
        if (bins % psiBins != 0)
        {
            throw new ArgumentException($"Bins ({bins}) must be a multiple of PSI bins ({psiBins}).", nameof(bins));
        }

        _schema = schema;
        _bins = bins;
        _psiBins = psiBins;
        _exactLimit = exactLimit;
        int n = schema.NumericColumns.Length;
        _exact = new List<double>?[n];
        _sketches = new QuantileSketch?[n];
        _moments = new Moments[n];
        for (int c = 0; c < n; c++)
        {
            _exact[c] = [];
            _moments[c] = new Moments();
        }

        _categoryCapacity = categoryCapacity;
        _categories = new CategoryCounts[schema.CategoricalColumns.Length];
        for (int c = 0; c < _categories.Length; c++)
        {
            _categories[c] = new CategoryCounts(categoryCapacity);
        }
    }

    /// <summary>Gets the number of rows added.</summary>
    public long RowCount => _rows;

    /// <summary>Gets the schema the rows are added in.</summary>
    public ModelSchema Schema => _schema;

    /// <summary>
    /// Gets or sets the most values a numeric column may have for the profile to keep them (sorted,
    /// 8 bytes each), so that monitors with <see cref="DriftOptions.ExactSamplesUpTo"/> evaluate KS and
    /// Wasserstein exactly against it. Columns with more values, or continued in a sketch, keep none.
    /// </summary>
    /// <value>The default value is 600 (the default sketch's exact capacity: at most 4.8 KB per column); 0 keeps none.</value>
    public int KeepValuesUpTo { get; set; } = QuantileSketch.DefaultK;

    /// <summary>Adds a row of a model whose features are all numeric.</summary>
    /// <param name="numericFeatures">The numeric features in schema order.</param>
    /// <param name="prediction">The prediction (ignored when the schema does not monitor it).</param>
    /// <exception cref="ArgumentException">The row does not fit the schema.</exception>
    public void Add(ReadOnlySpan<double> numericFeatures, double prediction) => Add(numericFeatures, [], prediction);

    /// <summary>Adds a row.</summary>
    /// <param name="numericFeatures">The numeric features in schema order.</param>
    /// <param name="categoricalFeatures">The categorical features in schema order.</param>
    /// <param name="prediction">The prediction: a number, or a class index for a categorical prediction.</param>
    /// <exception cref="ArgumentException">The row does not fit the schema.</exception>
    public void Add(ReadOnlySpan<double> numericFeatures, ReadOnlySpan<string?> categoricalFeatures, double prediction)
    {
        if (numericFeatures.Length != _schema.NumericFeatures.Length)
        {
            throw new ArgumentException($"Expected {_schema.NumericFeatures.Length} numeric features, got {numericFeatures.Length}.", nameof(numericFeatures));
        }

        if (categoricalFeatures.Length != _schema.CategoricalFeatures.Length)
        {
            throw new ArgumentException($"Expected {_schema.CategoricalFeatures.Length} categorical features, got {categoricalFeatures.Length}.", nameof(categoricalFeatures));
        }

        for (int c = 0; c < numericFeatures.Length; c++)
        {
            AddNumeric(c, numericFeatures[c]);
        }

        for (int c = 0; c < categoricalFeatures.Length; c++)
        {
            _categories[c].Add(categoricalFeatures[c]);
        }

        switch (_schema.Prediction)
        {
            case PredictionKind.Numeric:
                AddNumeric(numericFeatures.Length, prediction);
                break;
            case PredictionKind.Categorical:
                _categories[categoricalFeatures.Length].Add(ClassLabels.Of(prediction));
                break;
        }

        _rows++;
    }

    /// <summary>Freezes the profile.</summary>
    /// <returns>The profile.</returns>
    /// <exception cref="InvalidOperationException">No rows, or a numeric column with no finite value, or a categorical column with no value.</exception>
    public ReferenceProfile Build()
    {
        if (_rows == 0)
        {
            throw new InvalidOperationException("The reference is empty: add rows before building it.");
        }

        var numeric = new NumericReference[_moments.Length];
        for (int c = 0; c < numeric.Length; c++)
        {
            numeric[c] = BuildNumeric(c);
        }

        var categorical = new CategoricalReference[_categories.Length];
        for (int c = 0; c < categorical.Length; c++)
        {
            var counts = _categories[c];
            if (counts.Count == 0)
            {
                throw new InvalidOperationException($"The reference has no value for categorical column '{_schema.CategoricalColumns[c]}'.");
            }

            var list = counts.GetCounts();
            categorical[c] = new CategoricalReference(
                _schema.CategoricalColumns[c],
                [.. list.Select(x => x.Value)],
                [.. list.Select(x => x.LowerBound)],
                counts.MissingCount);
        }

        return WithSegments(new ReferenceProfile(_schema, numeric, categorical, _rows, _bins, _psiBins));
    }

    private void AddNumeric(int c, double value)
    {
        _moments[c].Add(value);
        if (!double.IsFinite(value))
        {
            return;
        }

        var exact = _exact[c];
        if (exact is not null)
        {
            if (exact.Count < _exactLimit)
            {
                exact.Add(value);
                return;
            }

            // Past the limit: continue in a sketch, starting with everything kept so far.
            var sketch = new QuantileSketch();
            foreach (double v in exact)
            {
                sketch.Add(v);
            }

            _sketches[c] = sketch;
            _exact[c] = null;
        }

        _sketches[c]!.Add(value);
    }

    private NumericReference BuildNumeric(int c)
    {
        string name = _schema.NumericColumns[c];
        var m = _moments[c];
        if (m.Count == 0)
        {
            throw new InvalidOperationException($"The reference has no finite value for numeric column '{name}'.");
        }

        var stats = new ColumnStatistics(m.Mean, m.PopulationStandardDeviation, m.Min, m.Max, m.MissingCount, m.NonFiniteCount);
        return _exact[c] is { } exact
            ? NumericFromValues(name, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(exact), stats, _bins, _psiBins, KeepValuesUpTo)
            : NumericFromSketch(name, _sketches[c]!, stats, _bins, _psiBins);
    }

    /// <summary>Summary statistics of a reference column.</summary>
    internal readonly record struct ColumnStatistics(double Mean, double StandardDeviation, double Min, double Max, long Missing, long NonFinite);

    /// <summary>A numeric column from its exact finite values: exact type-7 quantile edges and exact counts.</summary>
    internal static NumericReference NumericFromValues(string name, ReadOnlySpan<double> values, ColumnStatistics stats, int bins, int psiBins, long keepValuesUpTo = 0)
    {
        double[] raw = BinEdges.TypeSevenQuantiles(values, 0, bins);
        var (edges, psiEdges) = EdgesFromRawQuantiles(raw, bins, psiBins);
        var counts = new long[edges.BinCount];
        edges.AddCounts(values, counts);
        double[]? kept = null;
        if (values.Length <= keepValuesUpTo)
        {
            kept = values.ToArray();
            Array.Sort(kept);
        }

        return new NumericReference(name, edges, counts, psiEdges, stats.Missing, stats.NonFinite, stats.Mean, stats.StandardDeviation, stats.Min, stats.Max, values: kept);
    }

    /// <summary>
    /// A numeric column from a quantile sketch: edges and counts carry the sketch's rank error. The
    /// column keeps its values (sorted) for exact detectors when the sketch still holds all of them and
    /// they are at most <paramref name="keepValuesUpTo"/>.
    /// </summary>
    internal static NumericReference NumericFromSketch(string name, QuantileSketch sketch, ColumnStatistics stats, int bins, int psiBins, long keepValuesUpTo = 0)
    {
        var raw = new double[bins - 1];
        for (int k = 1; k < bins; k++)
        {
            raw[k - 1] = sketch.Quantile((double)k / bins);
        }

        var (edges, psiEdges) = EdgesFromRawQuantiles(raw, bins, psiBins);
        var counts = new long[edges.BinCount];
        var interior = edges.InteriorEdges;
        long below = 0;
        for (int b = 0; b < interior.Length; b++)
        {
            long rank = sketch.Rank(interior[b]);
            counts[b] = Math.Max(0, rank - below);
            below = Math.Max(below, rank);
        }

        counts[^1] = sketch.Count - below;
        double[]? values = null;
        if (sketch.IsExact && sketch.Count <= keepValuesUpTo)
        {
            values = sketch.ExactValues.ToArray();
            Array.Sort(values);
        }

        return new NumericReference(name, edges, counts, psiEdges, stats.Missing, stats.NonFinite, stats.Mean, stats.StandardDeviation, stats.Min, stats.Max, sketch.RankErrorBound, values);
    }

    /// <summary>
    /// Fine edges and PSI edges from the raw quantiles at k/Bins: the PSI edges are every
    /// (Bins/PsiBins)-th fine quantile, the same doubles as the quantiles at k/PsiBins (same rational
    /// position), so PSI bins are unions of fine bins.
    /// </summary>
    private static (BinEdges Edges, BinEdges PsiEdges) EdgesFromRawQuantiles(double[] raw, int bins, int psiBins)
    {
        int step = bins / psiBins;
        var psiRaw = new double[psiBins - 1];
        for (int k = 1; k < psiBins; k++)
        {
            psiRaw[k - 1] = raw[k * step - 1];
        }

        return (BinEdges.FromInteriorEdges(BinEdges.Deduplicate(raw)), BinEdges.FromInteriorEdges(BinEdges.Deduplicate(psiRaw)));
    }

    /// <summary>
    /// A profile from what a monitor gathered before it had a reference (sketches, moments and
    /// category counts of the first predictions in production).
    /// </summary>
    /// <exception cref="InvalidOperationException">A column has no value yet.</exception>
    internal static ReferenceProfile FromWindow(WindowAccumulator window, int bins, int psiBins, long keepValuesUpTo = 0)
    {
        var schema = window.Layout.Schema;
        var numeric = new NumericReference[schema.NumericColumns.Length];
        for (int c = 0; c < numeric.Length; c++)
        {
            ref readonly var cell = ref window.Numeric[c];
            if (cell.Count == 0)
            {
                throw new InvalidOperationException($"numeric column '{schema.NumericColumns[c]}' has no finite value yet.");
            }

            var stats = new ColumnStatistics(cell.Mean, Math.Sqrt(cell.PopulationVariance), cell.Min, cell.Max, cell.Missing, cell.NonFinite);
            numeric[c] = NumericFromSketch(schema.NumericColumns[c], window.Sketches![c], stats, bins, psiBins, keepValuesUpTo);
        }

        var categorical = new CategoricalReference[schema.CategoricalColumns.Length];
        for (int c = 0; c < categorical.Length; c++)
        {
            var counts = window.Categories[c];
            if (counts.Count == 0)
            {
                throw new InvalidOperationException($"categorical column '{schema.CategoricalColumns[c]}' has no value yet.");
            }

            var list = counts.GetCounts();
            categorical[c] = new CategoricalReference(schema.CategoricalColumns[c], [.. list.Select(x => x.Value)], [.. list.Select(x => x.LowerBound)], window.CategoricalMissing[c]);
        }

        return new ReferenceProfile(schema, numeric, categorical, window.Events, bins, psiBins);
    }
}
