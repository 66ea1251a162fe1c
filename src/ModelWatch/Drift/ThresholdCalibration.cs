namespace ModelWatch.Drift;

/// <summary>
/// Calibrates an effect-size threshold from the reference itself: how large does the statistic get
/// between parts of data that, by construction, did not drift?
/// </summary>
internal static class ThresholdCalibration
{
    /// <summary>The default number of chunks: 10.</summary>
    public const int DefaultChunks = 10;

    /// <summary>The default number of standard deviations above the mean: 3.</summary>
    public const double DefaultSigmas = 3;

    /// <summary>
    /// Splits the reference into <paramref name="chunks"/> contiguous chunks, computes the statistic of
    /// each chunk against the rest (or the whole), and returns mean + <paramref name="sigmas"/>·σ of
    /// those values.
    /// </summary>
    /// <param name="reference">The reference sample, in its natural (e.g. time) order: contiguous chunks keep its ordinary variation, such as day-to-day changes.</param>
    /// <param name="statistic">The statistic to calibrate.</param>
    /// <param name="chunks">The number of chunks; at least 2, and at most half the reference length. The default is 10.</param>
    /// <param name="sigmas">How many standard deviations above the mean; finite and non-negative. The default is 3.</param>
    /// <param name="comparison">What each chunk is compared with. The default is <see cref="CalibrationComparison.ChunkVersusRest"/>.</param>
    /// <returns>The threshold with the mean and standard deviation it came from.</returns>
    /// <exception cref="ArgumentException">The reference is too short for the chunks, or the statistic returned a non-finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <remarks>
    /// The chunk size is about n/k, usually smaller than a monitoring window, so the threshold is
    /// conservative (larger) for statistics whose noise shrinks with sample size; choose k so that
    /// n/k is close to the window size.
    /// </remarks>
    public static CalibratedThreshold FromReference(
        ReadOnlySpan<double> reference,
        DriftStatistic statistic,
        int chunks = DefaultChunks,
        double sigmas = DefaultSigmas,
        CalibrationComparison comparison = CalibrationComparison.ChunkVersusRest)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 2);
        if (!double.IsFinite(sigmas) || sigmas < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sigmas), sigmas, "The number of standard deviations must be finite and non-negative.");
        }

        if (comparison is not (CalibrationComparison.ChunkVersusRest or CalibrationComparison.ChunkVersusWhole))
        {
            throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "Unknown comparison.");
        }

        if (reference.Length < 2 * chunks)
        {
            throw new ArgumentException($"The reference ({reference.Length} values) is too short for {chunks} chunks of at least 2 values.", nameof(reference));
        }

        var values = new double[chunks];
        var rest = new double[reference.Length];
        for (int k = 0; k < chunks; k++)
        {
            int start = (int)((long)reference.Length * k / chunks);
            int end = (int)((long)reference.Length * (k + 1) / chunks);
            ReadOnlySpan<double> chunk = reference[start..end];
            double value;
            if (comparison == CalibrationComparison.ChunkVersusWhole)
            {
                value = statistic(reference, chunk);
            }
            else
            {
                reference[..start].CopyTo(rest);
                reference[end..].CopyTo(rest.AsSpan(start));
                value = statistic(rest.AsSpan(0, reference.Length - (end - start)), chunk);
            }

            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"The statistic returned {value} for chunk {k}.", nameof(statistic));
            }

            values[k] = value;
        }

        double mean = values.Average();
        double sumSquares = 0;
        foreach (double v in values)
        {
            sumSquares += (v - mean) * (v - mean);
        }

        double sd = Math.Sqrt(sumSquares / (chunks - 1));
        return new CalibratedThreshold { Mean = mean, StandardDeviation = sd, Sigmas = sigmas, Chunks = chunks };
    }
}
