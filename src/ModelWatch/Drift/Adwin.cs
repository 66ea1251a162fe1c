namespace ModelWatch.Drift;

/// <summary>
/// ADWIN (ADaptive WINdowing), Bifet and Gavaldà, "Learning from time-changing data with adaptive
/// windowing", SIAM SDM 2007, in its memory-efficient form ADWIN2: the window is kept as an
/// exponential histogram of buckets, and whenever two sub-windows "old | new" have means that differ
/// by more than the bound ε_cut, the old part is dropped and a change is reported.
/// </summary>
/// <remarks>
/// <para>
/// Bound (paper, Theorem 3 with the Bernstein-type refinement of §4): for sub-window sizes n0 and n1,
/// 1/m = 1/n0 + 1/n1, window variance σ²_W and δ' = δ / ln(n), a cut happens when
/// |μ0 − μ1| &gt; √(2/m · σ²_W · ln(2/δ')) + 2/(3m) · ln(2/δ'). The false-alarm probability per check
/// is at most δ, and a change of size ε is detected with high probability once both sides hold
/// O(ln(n/δ)/ε²) values.
/// </para>
/// <para>
/// Memory: at most M + 1 buckets per level and one level per power of two of the window length,
/// preallocated for windows up to 2^62 values: <see cref="ChangeDetector.Add"/> never allocates. Time: O(1)
/// amortised per value plus one O(M·log W) scan every <c>clock</c> values.
/// </para>
/// <para>
/// Defaults, measured in docs/detectors-change.md: δ = 0.002 (the paper's and MOA's); the window is
/// checked every 32 values (MOA's clock), which keeps the cost low and adds at most 31 values of
/// delay; M = 5 buckets per level (as in MOA and river); each sub-window must hold at least 5 values.
/// </para>
/// </remarks>
internal sealed class Adwin : ChangeDetector
{
    private const int MaxLevels = 62;

    private readonly int _maxBuckets;
    private readonly int _capacity;
    private readonly double[] _sums;
    private readonly double[] _variances;
    private readonly int[] _start;
    private readonly int[] _count;
    private int _levels;
    private long _width;
    private double _total;
    private double _variance;
    private long _sinceCheck;

    /// <summary>Initializes a new instance of the <see cref="Adwin"/> class.</summary>
    /// <param name="delta">The confidence δ in (0, 1): smaller means fewer false alarms and slower detection. The default is 0.002.</param>
    /// <param name="clock">Check for a change every this many values; at least 1. The default is 32.</param>
    /// <param name="maxBucketsPerLevel">M, the buckets kept per level (memory and resolution); at least 2. The default is 5.</param>
    /// <param name="minSubWindowLength">The fewest values either sub-window must hold before a cut is considered; at least 1. The default is 5.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Adwin(double delta = 0.002, int clock = 32, int maxBucketsPerLevel = 5, int minSubWindowLength = 5)
    {
        if (!(delta > 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "δ must lie strictly between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(clock, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBucketsPerLevel, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSubWindowLength, 1);
        Delta = delta;
        Clock = clock;
        _maxBuckets = maxBucketsPerLevel;
        MinSubWindowLength = minSubWindowLength;
        _capacity = maxBucketsPerLevel + 1;
        _sums = new double[MaxLevels * _capacity];
        _variances = new double[MaxLevels * _capacity];
        _start = new int[MaxLevels];
        _count = new int[MaxLevels];
    }

    /// <summary>Gets the confidence δ.</summary>
    public double Delta { get; }

    /// <summary>Gets how many values pass between two checks.</summary>
    public int Clock { get; }

    /// <summary>Gets the fewest values either sub-window must hold before a cut is considered.</summary>
    public int MinSubWindowLength { get; }

    /// <summary>Gets the number of values in the current window.</summary>
    public long Width => _width;

    /// <summary>Gets the mean of the current window (0 when empty).</summary>
    public double Mean => _width == 0 ? 0 : _total / _width;

    /// <summary>Gets the population variance of the current window (0 when empty).</summary>
    public double Variance => _width == 0 ? 0 : _variance / _width;

    /// <inheritdoc />
    protected override ChangeDetectorState Observe(double value)
    {
        Insert(value);
        if (++_sinceCheck < Clock)
        {
            return ChangeDetectorState.Stable;
        }

        _sinceCheck = 0;
        return DetectAndShrink() ? ChangeDetectorState.Drift : ChangeDetectorState.Stable;
    }

    /// <inheritdoc />
    protected override void Forget()
    {
        Array.Clear(_start);
        Array.Clear(_count);
        _levels = 0;
        _width = 0;
        _total = 0;
        _variance = 0;
        _sinceCheck = 0;
    }

    private void Insert(double value)
    {
        // Window variance (sum of squared deviations) updated by Welford's rule before the total.
        if (_width > 0)
        {
            double d = value - (_total / _width);
            _variance += _width * d * d / (_width + 1);
        }

        _width++;
        _total += value;
        Push(0, value, 0);
        if (_levels == 0)
        {
            _levels = 1;
        }

        // Compress: a level holding M + 1 buckets merges its two oldest into one at the next level.
        for (int level = 0; level < MaxLevels - 1 && _count[level] > _maxBuckets; level++)
        {
            int a = Slot(level, 0), b = Slot(level, 1);
            double size = 1L << level;
            double diff = (_sums[a] - _sums[b]) / size;
            double merged = _variances[a] + _variances[b] + (size * diff * diff / 2);
            Push(level + 1, _sums[a] + _sums[b], merged);
            _start[level] = Wrap(_start[level] + 2);
            _count[level] -= 2;
            if (level + 2 > _levels)
            {
                _levels = level + 2;
            }
        }
    }

    private bool DetectAndShrink()
    {
        bool changed = false;
        bool cut = true;
        while (cut && _width > 2L * MinSubWindowLength)
        {
            cut = false;
            double logTerm = Math.Log(2 * Math.Log(_width) / Delta);

            // ε = √(a/m) + b/m with a = 2σ²·ln(2/δ'), b = (2/3)·ln(2/δ'); |Δμ| > ε is tested as
            // |Δμ| − b/m > 0 and (|Δμ| − b/m)² > a/m, which needs no square root per bucket.
            double a = 2 * (_variance / _width) * logTerm;
            double b = 2.0 / 3.0 * logTerm;
            long n0 = 0;
            double u0 = 0;

            // Walk from the oldest bucket to the newest, moving each from the new side to the old side.
            for (int level = _levels - 1; level >= 0 && !cut; level--)
            {
                long size = 1L << level;
                for (int k = 0; k < _count[level]; k++)
                {
                    n0 += size;
                    u0 += _sums[Slot(level, k)];
                    long n1 = _width - n0;
                    if (n1 < MinSubWindowLength)
                    {
                        break;
                    }

                    if (n0 < MinSubWindowLength)
                    {
                        continue;
                    }

                    double u1 = _total - u0;
                    double reciprocal = (1.0 / n0) + (1.0 / n1);
                    double excess = Math.Abs((u0 / n0) - (u1 / n1)) - (b * reciprocal);
                    if (excess > 0 && excess * excess > a * reciprocal)
                    {
                        cut = true;
                        break;
                    }
                }
            }

            if (cut)
            {
                changed = true;
                DropOldest();
            }
        }

        return changed;
    }

    private void DropOldest()
    {
        int level = _levels - 1;
        int slot = Slot(level, 0);
        long size = 1L << level;
        double sum = _sums[slot];
        double bucketVariance = _variances[slot];
        _start[level] = Wrap(_start[level] + 1);
        _count[level]--;
        while (_levels > 0 && _count[_levels - 1] == 0)
        {
            _levels--;
        }

        long rest = _width - size;
        if (rest == 0)
        {
            _width = 0;
            _total = 0;
            _variance = 0;
            return;
        }

        // Remove the bucket's contribution (Chan et al.'s merge formula run backwards).
        double restTotal = _total - sum;
        double diff = (sum / size) - (restTotal / rest);
        _variance = Math.Max(0, _variance - bucketVariance - (size * (double)rest * diff * diff / (size + rest)));
        _width = rest;
        _total = restTotal;
    }

    private void Push(int level, double sum, double variance)
    {
        int slot = Slot(level, _count[level]);
        _sums[slot] = sum;
        _variances[slot] = variance;
        _count[level]++;
    }

    private int Slot(int level, int k) => (level * _capacity) + Wrap(_start[level] + k);

    // Indices never exceed 2·capacity, so one conditional subtraction replaces a division.
    private int Wrap(int index) => index >= _capacity ? index - _capacity : index;
}
