namespace ModelWatch.Statistics;

/// <summary>
/// Streaming count, mean, variance, standard deviation, min, max, skewness and excess kurtosis of
/// a stream of doubles, with a numerically stable update and an exact-as-possible merge.
/// </summary>
/// <remarks>
/// <para>
/// <b>Accuracy.</b> Values are accumulated relative to the first value and rescaled by a power of
/// two (Welford's update on shifted data, with Chan et al.'s and Pébay's merge formulas), so data
/// with a large offset (1e15 + small integers, 1e9 + noise) keeps about 1e-14 relative accuracy in
/// the variance, and tiny (1e-100) or huge magnitudes neither underflow nor overflow in the
/// fourth moment. Checked against exact-arithmetic oracles, including merges of arbitrary
/// partitions of the stream.
/// </para>
/// <para>
/// <b>Bad values.</b> NaN is counted in <see cref="MissingCount"/> and ±Infinity in
/// <see cref="NonFiniteCount"/>; neither enters the moments.
/// </para>
/// <para>
/// <b>Undefined results</b> are NaN: the mean, variance, min and max of an empty stream, the sample
/// variance of one value, and skewness and kurtosis when the variance is 0.
/// </para>
/// <para>
/// <b>Threading.</b> Single writer: <c>Add</c> and <see cref="Merge"/> must not run
/// concurrently with each other or with reads. <c>Add</c> is O(1) and allocates nothing.
/// </para>
/// </remarks>
public sealed class Moments
{
    private MomentsState _state = MomentsState.Empty;

    /// <summary>Initializes an empty accumulator.</summary>
    public Moments()
    {
    }

    private Moments(MomentsState state) => _state = state;

    /// <summary>An accumulator holding a copy of <paramref name="state"/> (the runtime keeps moments as plain structs).</summary>
    internal static Moments FromState(in MomentsState state) => new(state);

    /// <summary>Gets the number of finite values added.</summary>
    public long Count => _state.Count;

    /// <summary>Gets the number of NaN values added (missing values).</summary>
    public long MissingCount => _state.Excluded.Missing;

    /// <summary>Gets the number of ±Infinity values added.</summary>
    public long NonFiniteCount => _state.Excluded.NonFinite;

    /// <summary>Gets the sum of the finite values (0 for an empty stream).</summary>
    public double Sum => _state.Sum;

    /// <summary>Gets the arithmetic mean, or NaN for an empty stream.</summary>
    public double Mean => _state.Mean;

    /// <summary>Gets the population variance M2 / n, or NaN for an empty stream.</summary>
    public double PopulationVariance => _state.PopulationVariance;

    /// <summary>Gets the sample variance M2 / (n − 1), or NaN when fewer than two values were added.</summary>
    public double SampleVariance => _state.SampleVariance;

    /// <summary>Gets the population standard deviation, √(M2 / n).</summary>
    public double PopulationStandardDeviation => Math.Sqrt(PopulationVariance);

    /// <summary>Gets the sample standard deviation, √(M2 / (n − 1)).</summary>
    public double SampleStandardDeviation => Math.Sqrt(SampleVariance);

    /// <summary>Gets the smallest finite value, or NaN for an empty stream.</summary>
    public double Min => _state.Count == 0 ? double.NaN : _state.Min;

    /// <summary>Gets the largest finite value, or NaN for an empty stream.</summary>
    public double Max => _state.Count == 0 ? double.NaN : _state.Max;

    /// <summary>
    /// Gets the population skewness g1 = m3 / m2^(3/2) with m_k = M_k / n (SciPy <c>skew(bias=True)</c>),
    /// or NaN when the variance is 0.
    /// </summary>
    public double Skewness => _state.Skewness;

    /// <summary>
    /// Gets the bias-adjusted sample skewness G1 = g1·√(n(n−1))/(n−2) (SciPy <c>skew(bias=False)</c>,
    /// spreadsheet SKEW), or NaN when n ≤ 2 or the variance is 0.
    /// </summary>
    public double SampleSkewness => _state.SampleSkewness;

    /// <summary>
    /// Gets the population excess kurtosis g2 = m4 / m2² − 3 (SciPy <c>kurtosis(bias=True)</c>), or NaN
    /// when the variance is 0.
    /// </summary>
    public double ExcessKurtosis => _state.ExcessKurtosis;

    internal ref readonly MomentsState State => ref _state;

    /// <summary>Adds one value. NaN and ±Infinity are counted, not accumulated.</summary>
    /// <param name="value">The value.</param>
    public void Add(double value) => _state.Add(value);

    /// <summary>Adds every value of <paramref name="values"/>.</summary>
    /// <param name="values">The values.</param>
    public void Add(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            _state.Add(v);
        }
    }

    /// <summary>Empties the accumulator.</summary>
    public void Clear() => _state = MomentsState.Empty;

    /// <summary>Adds the values summarized by <paramref name="other"/>, as if they had been added here.</summary>
    /// <param name="other">Another accumulator; it is not modified.</param>
    /// <exception cref="OverflowException">
    /// The merged sums exceed the double range even at the coarsest scale (only possible with states
    /// restored from damaged or hostile snapshots); discard this accumulator then.
    /// </exception>
    public void Merge(Moments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _state.Merge(in other._state);
    }

    /// <summary>Returns an independent copy.</summary>
    /// <returns>A copy with the same state.</returns>
    public Moments Clone() => new(_state);

    /// <summary>Returns the serializable state of this accumulator.</summary>
    /// <returns>A snapshot that <see cref="FromSnapshot"/> turns back into an equal accumulator.</returns>
    internal MomentsSnapshot ToSnapshot() => MomentsSnapshot.From(in _state);

    /// <summary>Restores an accumulator from a snapshot.</summary>
    /// <param name="snapshot">A snapshot from <see cref="ToSnapshot"/>.</param>
    /// <returns>An accumulator with the snapshot's state.</returns>
    /// <exception cref="ArgumentException">The snapshot is inconsistent (negative counts, non-finite sums…).</exception>
    internal static Moments FromSnapshot(MomentsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new Moments(snapshot.ToState());
    }
}
