namespace ModelWatch.Drift;

/// <summary>
/// DDM, the Drift Detection Method of Gama, Medas, Castillo and Rodrigues, "Learning with drift
/// detection", SBIA 2004: it watches a model's error indicator (1 = error, 0 = correct) and reports
/// a warning, then a drift, when the error rate rises significantly above its best level so far.
/// </summary>
/// <remarks>
/// <para>
/// After i values the error rate is p_i with standard deviation s_i = √(p_i(1 − p_i)/i). Once at
/// least <c>minInstances</c> values were seen, the detector remembers p_min and s_min where
/// p_i + s_i was smallest, and reports <see cref="ChangeDetectorState.Warning"/> when
/// p_i + s_i ≥ p_min + 2·s_min and <see cref="ChangeDetectorState.Drift"/> when
/// p_i + s_i ≥ p_min + 3·s_min (the paper's 95% and 99% levels), after which it starts afresh.
/// Both also require p_i + s_i &gt; p_min + s_min, which only matters while s_min = 0 (no error
/// seen yet), where the paper's inequalities would hold trivially.
/// </para>
/// <para>
/// Defaults: at the paper's levels (30 instances, warning 2, drift 3) a stationary Bernoulli(0.2)
/// stream raises a false drift within 10,000 values in about 29% of runs, because the 3·s test is
/// repeated at every value and p_min is often locked in by early noise. ModelWatch therefore
/// defaults to 300 warm-up instances (s_min is then estimated from enough values), warning at
/// 3·s_min and drift at 4·s_min, which brings false alarms under 1% at the cost of slower
/// detection. Pass (30, 2, 3) for the paper's behaviour.
/// </para>
/// <para>
/// Because p_i averages everything since the last drift, DDM reacts more slowly than ADWIN to a
/// change after a long stable period; measured figures are in docs/detectors-change.md.
/// </para>
/// <para><see cref="ChangeDetector.Add"/> never allocates. Single-writer.</para>
/// </remarks>
internal sealed class DriftDetectionMethod : ChangeDetector
{
    private long _n;
    private double _p;
    private double _pMin;
    private double _sMin;

    /// <summary>Initializes a new instance of the <see cref="DriftDetectionMethod"/> class.</summary>
    /// <param name="minInstances">Values seen before any warning or drift; at least 1. The default is 300 (the paper's is 30).</param>
    /// <param name="warningLevel">Warning at p + s ≥ p_min + warningLevel·s_min; finite, &gt; 0. The default is 3 (the paper's is 2).</param>
    /// <param name="driftLevel">Drift at p + s ≥ p_min + driftLevel·s_min; finite, ≥ <paramref name="warningLevel"/>. The default is 4 (the paper's is 3).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public DriftDetectionMethod(int minInstances = 300, double warningLevel = 3, double driftLevel = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minInstances, 1);
        if (!double.IsFinite(warningLevel) || warningLevel <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(warningLevel), warningLevel, "The warning level must be finite and positive.");
        }

        if (!double.IsFinite(driftLevel) || driftLevel < warningLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(driftLevel), driftLevel, "The drift level must be finite and at least the warning level.");
        }

        MinInstances = minInstances;
        WarningLevel = warningLevel;
        DriftLevel = driftLevel;
        Restart();
    }

    /// <summary>Gets the number of values seen before any warning or drift.</summary>
    public int MinInstances { get; }

    /// <summary>Gets the warning level, in multiples of s_min.</summary>
    public double WarningLevel { get; }

    /// <summary>Gets the drift level, in multiples of s_min.</summary>
    public double DriftLevel { get; }

    /// <summary>Gets the error rate since the last drift.</summary>
    public double ErrorRate => _p;

    /// <summary>Takes the next error indicator.</summary>
    /// <param name="value">1 for an error, 0 for a correct prediction (any value in [0, 1] is accepted as an error probability).</param>
    /// <returns>The state after this value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is outside [0, 1]; <see cref="ChangeDetector.Add"/> lets the exception through without counting the value.</exception>
    protected override ChangeDetectorState Observe(double value)
    {
        if (value < 0 || value > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "DDM watches an error indicator in [0, 1].");
        }

        _n++;
        _p += (value - _p) / _n;
        double s = Math.Sqrt(_p * (1 - _p) / _n);
        if (_n < MinInstances)
        {
            return ChangeDetectorState.Stable;
        }

        if (_p + s <= _pMin + _sMin)
        {
            _pMin = _p;
            _sMin = s;
        }

        // "Strictly worse than the best so far" guards the degenerate start: while no error has been
        // seen, p = s = 0 and p + s >= p_min + 3·s_min would hold trivially.
        bool worse = _p + s > _pMin + _sMin;
        if (worse && _p + s >= _pMin + (DriftLevel * _sMin))
        {
            Restart();
            return ChangeDetectorState.Drift;
        }

        return worse && _p + s >= _pMin + (WarningLevel * _sMin) ? ChangeDetectorState.Warning : ChangeDetectorState.Stable;
    }

    /// <inheritdoc />
    protected override void Forget() => Restart();

    private void Restart()
    {
        _n = 0;
        _p = 0;
        _pMin = double.PositiveInfinity;
        _sMin = double.PositiveInfinity;
    }
}
