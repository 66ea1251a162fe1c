namespace ModelWatch.Drift;

/// <summary>
/// The Page–Hinkley test for a change in the mean of a stream (Page, "Continuous inspection schemes",
/// Biometrika 41, 1954; Hinkley, Biometrika 58, 1971), on standardized values by default.
/// </summary>
/// <remarks>
/// <para>
/// After <c>minInstances</c> warm-up values, each value x is standardized with the mean μ and the
/// standard deviation σ of the values before it, z = (x − μ)/σ, and two cumulative sums are kept:
/// m⁺ = Σ (z − δ) for increases and m⁻ = Σ (z + δ) for decreases. A change is reported when
/// m⁺ − min m⁺ &gt; λ or max m⁻ − m⁻ &gt; λ; the detector then starts afresh. This is Page's CUSUM
/// with reference value δ and decision interval λ, both in units of σ.
/// </para>
/// <para>
/// Why standardize: δ and λ are only meaningful relative to the stream's scale. Raw-unit defaults
/// (river's δ = 0.005, λ = 50) fire constantly on an N(0, 1) stream (a driftless random walk
/// exceeds 50 within 10,000 steps about half the time) and never on a stream with σ = 1000.
/// </para>
/// <para>
/// Defaults: δ = 0.25σ tunes the test for shifts of about 0.5σ (CUSUM is optimal for a shift of 2δ)
/// while keeping good power for larger ones; λ = 30 makes a false alarm rare — Siegmund's
/// approximation of the in-control run length, (e^(2δb) − 2δb − 1)/(2δ²) with b = λ + 1.166, gives
/// about 4·10^7 values per side — and a 1σ shift is still found after about λ/(1 − δ) = 40 values.
/// Measured figures are in docs/detectors-change.md.
/// </para>
/// <para><see cref="ChangeDetector.Add"/> never allocates. Single-writer.</para>
/// </remarks>
internal sealed class PageHinkley : ChangeDetector
{
    private readonly bool _up;
    private readonly bool _down;
    private long _n;
    private double _mean;
    private double _m2;
    private double _sumUp;
    private double _minUp;
    private double _sumDown;
    private double _maxDown;

    /// <summary>Initializes a new instance of the <see cref="PageHinkley"/> class.</summary>
    /// <param name="delta">δ, the magnitude of change tolerated per value (in σ when standardizing); finite, ≥ 0. The default is 0.25.</param>
    /// <param name="lambda">λ, the detection threshold (in σ when standardizing); finite, &gt; 0. The default is 30.</param>
    /// <param name="minInstances">Warm-up values used only to learn μ and σ; at least 2. The default is 30.</param>
    /// <param name="direction">Which changes to look for. The default is <see cref="PageHinkleyDirection.Both"/>.</param>
    /// <param name="standardize">Whether δ and λ are in units of the stream's σ (true) or in the stream's own units. The default is true.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public PageHinkley(
        double delta = 0.25, double lambda = 30, int minInstances = 30, PageHinkleyDirection direction = PageHinkleyDirection.Both, bool standardize = true)
    {
        if (!double.IsFinite(delta) || delta < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "δ must be finite and non-negative.");
        }

        if (!double.IsFinite(lambda) || lambda <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be finite and positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(minInstances, 2);
        if (direction is not (PageHinkleyDirection.Both or PageHinkleyDirection.Increase or PageHinkleyDirection.Decrease))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown direction.");
        }

        Delta = delta;
        Lambda = lambda;
        MinInstances = minInstances;
        Direction = direction;
        Standardize = standardize;
        _up = direction != PageHinkleyDirection.Decrease;
        _down = direction != PageHinkleyDirection.Increase;
    }

    /// <summary>Gets δ.</summary>
    public double Delta { get; }

    /// <summary>Gets λ.</summary>
    public double Lambda { get; }

    /// <summary>Gets the number of warm-up values.</summary>
    public int MinInstances { get; }

    /// <summary>Gets which changes are looked for.</summary>
    public PageHinkleyDirection Direction { get; }

    /// <summary>Gets a value indicating whether δ and λ are in units of the stream's standard deviation.</summary>
    public bool Standardize { get; }

    /// <summary>Gets the current statistic: the larger of the two one-sided Page–Hinkley statistics.</summary>
    public double Statistic => Math.Max(_up ? _sumUp - _minUp : 0, _down ? _maxDown - _sumDown : 0);

    /// <inheritdoc />
    protected override ChangeDetectorState Observe(double value)
    {
        if (_n >= MinInstances)
        {
            double z = value - _mean;
            if (Standardize)
            {
                double sigma = Math.Sqrt(_m2 / _n);
                z = sigma > 0 ? z / sigma : z == 0 ? 0 : double.CopySign(double.PositiveInfinity, z);
            }

            bool drift = false;
            if (_up)
            {
                _sumUp += z - Delta;
                _minUp = Math.Min(_minUp, _sumUp);
                drift |= _sumUp - _minUp > Lambda;
            }

            if (_down)
            {
                _sumDown += z + Delta;
                _maxDown = Math.Max(_maxDown, _sumDown);
                drift |= _maxDown - _sumDown > Lambda;
            }

            if (drift)
            {
                Forget();
                return ChangeDetectorState.Drift;
            }
        }

        // Welford's update of the mean and the sum of squared deviations.
        _n++;
        double d = value - _mean;
        _mean += d / _n;
        _m2 += d * (value - _mean);
        return ChangeDetectorState.Stable;
    }

    /// <inheritdoc />
    protected override void Forget()
    {
        _n = 0;
        _mean = 0;
        _m2 = 0;
        _sumUp = 0;
        _minUp = 0;
        _sumDown = 0;
        _maxDown = 0;
    }
}
