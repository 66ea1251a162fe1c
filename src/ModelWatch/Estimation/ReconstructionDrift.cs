namespace ModelWatch.Estimation;

/// <summary>
/// Multivariate drift by PCA reconstruction error, as NannyML's <c>DataReconstructionDriftCalculator</c>
/// computes it (<c>nannyml/drift/multivariate/data_reconstruction/calculator.py</c>): a change in how the
/// features vary together raises the error even when no single feature's distribution moves.
/// </summary>
/// <remarks>
/// Fitting on the reference imputes and frequency-encodes, standardises, keeps the principal components
/// that explain <see cref="ReconstructionDriftOptions.VarianceToKeep"/> of the variance, and sets the
/// thresholds from the reference chunks' mean errors (mean ± 3·std; a lower threshold at or below 0 is
/// dropped). Evaluating reports per chunk the mean distance of the rows from that subspace; a chunk alerts
/// when its error is not strictly between the thresholds.
/// </remarks>
public sealed class ReconstructionDrift
{
    private readonly FeatureEncoder _encoder;
    private readonly PrincipalSubspace _subspace;
    private readonly Chunking _chunking;
    private readonly ThresholdBounds _thresholds;

    private ReconstructionDrift(FeatureEncoder encoder, PrincipalSubspace subspace, Chunking chunking, double[] referenceChunkErrors)
    {
        _encoder = encoder;
        _subspace = subspace;
        _chunking = chunking;
        ReferenceChunkErrors = referenceChunkErrors;
        _thresholds = referenceChunkErrors.Length == 0 ? new ThresholdBounds() : ReferenceChunkThreshold.ReconstructionError.Compute(referenceChunkErrors);
    }

    /// <summary>Gets the number of principal components kept.</summary>
    public int ComponentCount => _subspace.ComponentCount;

    /// <summary>Gets the number of numeric columns the detector was fitted on (they come first in every row).</summary>
    public int NumericCount => _encoder.NumericCount;

    /// <summary>Gets the number of categorical columns the detector was fitted on.</summary>
    public int CategoricalCount => _encoder.CategoricalCount;

    internal FeatureEncoder Encoder => _encoder;

    internal PrincipalSubspace Subspace => _subspace;

    internal IReadOnlyList<double> ReferenceChunkErrors { get; }

    internal ThresholdBounds Thresholds => _thresholds;

    /// <summary>Fits the preprocessing, the principal components and the thresholds on a reference.</summary>
    /// <param name="numericRows">Numeric features, one array per row (NaN = missing); an empty array for none.</param>
    /// <param name="categoricalRows">Categorical features, one array per row (null = missing); an empty array for none.</param>
    /// <param name="options">Variance to keep and chunking.</param>
    /// <returns>The fitted detector.</returns>
    /// <exception cref="ArgumentException">
    /// There are fewer than two rows or no columns, row counts or widths differ, a numeric value is infinite,
    /// a column has no value at all, or <see cref="ReconstructionDriftOptions.VarianceToKeep"/> is not in (0, 1).
    /// </exception>
    public static ReconstructionDrift Fit(double[][] numericRows, string?[][] categoricalRows, ReconstructionDriftOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Chunking);
        if (!(options.VarianceToKeep > 0 && options.VarianceToKeep < 1))
        {
            throw new ArgumentException($"VarianceToKeep is {options.VarianceToKeep}; it must be in (0, 1).", nameof(options));
        }

        FeatureRows reference = FeatureRows.Create(numericRows, categoricalRows, null);
        if (reference.RowCount < 2)
        {
            throw new ArgumentException("The reference needs at least two rows for a covariance.", nameof(numericRows));
        }

        var encoder = FeatureEncoder.Fit(reference);
        double[][] z = Encode(encoder, reference);
        var subspace = PrincipalSubspace.Fit(z, options.VarianceToKeep);
        double[] errors = RowErrors(subspace, z);
        double[] chunkErrors = [.. options.Chunking.Split(reference.RowCount).Select(c => Mean(errors, c))];
        return new ReconstructionDrift(encoder, subspace, options.Chunking, chunkErrors);
    }

    /// <summary>
    /// Fits the preprocessing and the principal components from streaming sums instead of rows: the same
    /// detector as <see cref="Fit"/> on the rows the sums were gathered from (to rounding), but without
    /// thresholds, since the reference's chunk errors need its rows; <see cref="WithReferenceChunkErrors"/>
    /// adds them from chunks scored afterwards.
    /// </summary>
    /// <exception cref="ArgumentException"><see cref="ReconstructionDriftOptions.VarianceToKeep"/> is not in (0, 1).</exception>
    /// <exception cref="InvalidOperationException">The sums cannot be fitted (see <see cref="EncodedCoMoments.Fit"/>).</exception>
    internal static ReconstructionDrift FitStreaming(EncodedCoMoments moments, ReconstructionDriftOptions options)
    {
        if (!(options.VarianceToKeep > 0 && options.VarianceToKeep < 1))
        {
            throw new ArgumentException($"VarianceToKeep is {options.VarianceToKeep}; it must be in (0, 1).", nameof(options));
        }

        var (encoder, covariance) = moments.Fit();
        var subspace = PrincipalSubspace.FromCovariance(new double[encoder.Width], covariance, options.VarianceToKeep);
        return new ReconstructionDrift(encoder, subspace, options.Chunking, []);
    }

    /// <summary>This detector with thresholds from these reference-chunk errors (mean ± 3·std, as <see cref="Fit"/> sets them).</summary>
    internal ReconstructionDrift WithReferenceChunkErrors(double[] chunkErrors) => new(_encoder, _subspace, _chunking, chunkErrors);

    /// <summary>The reconstruction error per chunk of <paramref name="numericRows"/> and <paramref name="categoricalRows"/>.</summary>
    /// <param name="numericRows">Numeric features in the reference's column order, one array per row (NaN = missing).</param>
    /// <param name="categoricalRows">Categorical features in the reference's column order (null = missing; a category unseen in the reference encodes as 0).</param>
    /// <returns>One record per chunk, in row order.</returns>
    /// <exception cref="ArgumentException">There are no rows, row counts differ, widths differ from the reference's, or a numeric value is infinite.</exception>
    public IReadOnlyList<ReconstructionDriftChunk> Evaluate(double[][] numericRows, string?[][] categoricalRows)
    {
        FeatureRows rows = FeatureRows.Create(numericRows, categoricalRows, (_encoder.NumericCount, _encoder.CategoricalCount));
        double[] errors = RowErrors(_subspace, Encode(_encoder, rows));
        var chunks = new List<ReconstructionDriftChunk>();
        foreach (DataChunk chunk in _chunking.Split(rows.RowCount))
        {
            double value = Mean(errors, chunk);
            double samplingError = SampleStd(errors, chunk, value) / Math.Sqrt(chunk.RowCount);
            chunks.Add(new ReconstructionDriftChunk
            {
                Chunk = chunk,
                ReconstructionError = new ChunkMetric
                {
                    Value = value,
                    SamplingError = samplingError,
                    LowerConfidenceBound = Math.Max(value - (3 * samplingError), 0),
                    UpperConfidenceBound = value + (3 * samplingError),
                    LowerThreshold = _thresholds.Lower,
                    UpperThreshold = _thresholds.Upper,
                    Alert = _thresholds.IsNotStrictlyInside(value),
                },
            });
        }

        return chunks;
    }

    internal double[] RowErrors(double[][] numericRows, string?[][] categoricalRows) =>
        RowErrors(_subspace, Encode(_encoder, FeatureRows.Create(numericRows, categoricalRows, (_encoder.NumericCount, _encoder.CategoricalCount))));

    private static double[][] Encode(FeatureEncoder encoder, FeatureRows rows)
    {
        var z = new double[rows.RowCount][];
        for (int row = 0; row < z.Length; row++)
        {
            z[row] = new double[encoder.Width];
            encoder.Encode(rows.Numeric[row], rows.Categorical[row], z[row]);
        }

        return z;
    }

    private static double[] RowErrors(PrincipalSubspace subspace, double[][] z)
    {
        var errors = new double[z.Length];
        var scratch = new double[z.Length == 0 ? 0 : z[0].Length];
        for (int row = 0; row < z.Length; row++)
        {
            errors[row] = subspace.ReconstructionError(z[row], scratch);
        }

        return errors;
    }

    private static double Mean(double[] values, DataChunk chunk)
    {
        double sum = 0;
        for (int row = chunk.FirstRow; row <= chunk.LastRow; row++)
        {
            sum += values[row];
        }

        return sum / chunk.RowCount;
    }

    /// <summary>The sample std (ddof 1); NaN for one row.</summary>
    private static double SampleStd(double[] values, DataChunk chunk, double mean)
    {
        double squares = 0;
        for (int row = chunk.FirstRow; row <= chunk.LastRow; row++)
        {
            double d = values[row] - mean;
            squares += d * d;
        }

        return Math.Sqrt(squares / (chunk.RowCount - 1));
    }
}
