namespace ModelWatch.Estimation;

/// <summary>
/// The preprocessing NannyML fits before PCA (<c>nannyml/drift/multivariate/data_reconstruction/calculator.py</c>):
/// missing values imputed (numeric: the reference mean; categorical: the most frequent value, ties to the
/// smallest), categories encoded by their reference frequency (unseen: 0), then every column standardised
/// with the reference mean and population std (scikit-learn's <c>StandardScaler</c>).
/// </summary>
internal sealed class FeatureEncoder
{
    /// <summary>float64 machine epsilon, as in scikit-learn's <c>_is_constant_feature</c>.</summary>
    private const double Epsilon = 2.220446049250313e-16;

    private readonly double[] _imputedMeans;
    private readonly string[] _imputedModes;
    private readonly Dictionary<string, double>[] _frequencies;
    private readonly double[] _mean;
    private readonly double[] _scale;

    private FeatureEncoder(double[] imputedMeans, string[] imputedModes, Dictionary<string, double>[] frequencies, double[] mean, double[] scale)
    {
        _imputedMeans = imputedMeans;
        _imputedModes = imputedModes;
        _frequencies = frequencies;
        _mean = mean;
        _scale = scale;
    }

    /// <summary>An encoder fitted elsewhere (from streaming sums: <see cref="EncodedCoMoments"/>).</summary>
    public static FeatureEncoder FromParts(double[] imputedMeans, string[] imputedModes, Dictionary<string, double>[] frequencies, double[] mean, double[] scale) =>
        new(imputedMeans, imputedModes, frequencies, mean, scale);

    /// <summary>
    /// scikit-learn's <c>StandardScaler</c> scale for a column of <paramref name="n"/> values with this mean
    /// and population variance: the std, or 1 when the variance is within rounding of zero.
    /// </summary>
    public static double ScaleOf(long n, double mean, double variance)
    {
        double bound = (n * Epsilon * variance) + Math.Pow(n * mean * Epsilon, 2);
        return variance <= bound ? 1 : Math.Sqrt(variance);
    }

    public int NumericCount => _imputedMeans.Length;

    public int CategoricalCount => _imputedModes.Length;

    public int Width => _mean.Length;

    public IReadOnlyList<double> ImputedMeans => _imputedMeans;

    public IReadOnlyList<string> ImputedModes => _imputedModes;

    public IReadOnlyList<IReadOnlyDictionary<string, double>> Frequencies => _frequencies;

    /// <summary>The scaler's means, numeric columns first, then categorical ones.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>The scaler's scales (1 for a constant column), in the order of <see cref="Mean"/>.</summary>
    public IReadOnlyList<double> Scale => _scale;

    public static FeatureEncoder Fit(FeatureRows reference)
    {
        int n = reference.RowCount;
        var means = new double[reference.NumericWidth];
        for (int j = 0; j < means.Length; j++)
        {
            double sum = 0;
            int count = 0;
            for (int row = 0; row < n; row++)
            {
                double v = reference.Numeric[row][j];
                if (!double.IsNaN(v))
                {
                    sum += v;
                    count++;
                }
            }

            if (count == 0)
            {
                throw new ArgumentException($"Numeric column {j} has no value in the reference.", nameof(reference));
            }

            means[j] = sum / count;
        }

        var modes = new string[reference.CategoricalWidth];
        var frequencies = new Dictionary<string, double>[modes.Length];
        for (int j = 0; j < modes.Length; j++)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            int missing = 0;
            for (int row = 0; row < n; row++)
            {
                if (reference.Categorical[row][j] is { } value)
                {
                    counts[value] = counts.GetValueOrDefault(value) + 1;
                }
                else
                {
                    missing++;
                }
            }

            if (counts.Count == 0)
            {
                throw new ArgumentException($"Categorical column {j} has no value in the reference.", nameof(reference));
            }

            modes[j] = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;

            // Frequencies are counted after imputation: the missing rows count for the mode.
            counts[modes[j]] += missing;
            frequencies[j] = counts.ToDictionary(c => c.Key, c => (double)c.Value / n, StringComparer.Ordinal);
        }

        var encoder = new FeatureEncoder(means, modes, frequencies, new double[means.Length + modes.Length], new double[means.Length + modes.Length]);
        encoder.FitScaler(reference);
        return encoder;
    }

    /// <summary>Imputes, encodes and standardises one row into <paramref name="z"/>.</summary>
    public void Encode(double[] numeric, string?[] categorical, Span<double> z)
    {
        Impute(numeric, categorical, z);
        for (int j = 0; j < z.Length; j++)
        {
            z[j] = (z[j] - _mean[j]) / _scale[j];
        }
    }

    private void Impute(double[] numeric, string?[] categorical, Span<double> x)
    {
        for (int j = 0; j < _imputedMeans.Length; j++)
        {
            x[j] = double.IsNaN(numeric[j]) ? _imputedMeans[j] : numeric[j];
        }

        for (int j = 0; j < _imputedModes.Length; j++)
        {
            x[_imputedMeans.Length + j] = _frequencies[j].GetValueOrDefault(categorical[j] ?? _imputedModes[j]);
        }
    }

    /// <summary>
    /// scikit-learn's <c>StandardScaler</c>: the mean, and the population variance by the corrected two-pass
    /// formula (Σd² − (Σd)²/N) / N; a column whose variance is within rounding of zero keeps scale 1.
    /// </summary>
    private void FitScaler(FeatureRows reference)
    {
        int n = reference.RowCount;
        var x = new double[n][];
        for (int row = 0; row < n; row++)
        {
            x[row] = new double[Width];
            Impute(reference.Numeric[row], reference.Categorical[row], x[row]);
        }

        for (int j = 0; j < Width; j++)
        {
            double sum = 0;
            for (int row = 0; row < n; row++)
            {
                sum += x[row][j];
            }

            double mean = sum / n;
            double squares = 0;
            double deviations = 0;
            for (int row = 0; row < n; row++)
            {
                double d = x[row][j] - mean;
                squares += d * d;
                deviations += d;
            }

            double variance = (squares - (deviations * deviations / n)) / n;
            _mean[j] = mean;
            _scale[j] = ScaleOf(n, mean, variance);
        }
    }
}
