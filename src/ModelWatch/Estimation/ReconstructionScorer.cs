using System.Collections.Frozen;
using System.Numerics;
using System.Runtime.InteropServices;

namespace ModelWatch.Estimation;

/// <summary>
/// A fitted <see cref="ReconstructionDrift"/> flattened for scoring one row at a time on the logging path:
/// no allocation, no division, one contiguous basis.
/// </summary>
/// <remarks>
/// The row is imputed, frequency-encoded and standardised as in the batch detector, except that the scaler
/// multiplies by 1/scale instead of dividing (a relative difference of at most one rounding per value).
/// The error is the length of the centred row's projection onto the eigenvectors the PCA did not keep —
/// equal to ‖c − VVᵀc‖ because the eigenvectors form an orthonormal basis, and a sum of squares, so a row
/// close to the subspace loses no accuracy to cancellation. Cost per row: (p + p·(p − k)) multiply-adds
/// for p encoded columns and k kept components (the complement of 20 columns at 65 % variance typically
/// has 12–16 vectors: 260–340 multiply-adds, vectorised).
/// </remarks>
internal sealed class ReconstructionScorer
{
    private readonly double[] _imputedMeans;
    private readonly FrozenDictionary<string, double>[] _frequencies;
    private readonly double[] _modeFrequencies;
    private readonly double[] _shift;
    private readonly double[] _inverseScale;
    private readonly double[] _center;
    private readonly double[] _basis;
    private readonly int _width;

    public ReconstructionScorer(ReconstructionDrift detector)
    {
        FeatureEncoder encoder = detector.Encoder;
        PrincipalSubspace subspace = detector.Subspace;
        _width = encoder.Width;
        _imputedMeans = [.. encoder.ImputedMeans];
        _frequencies = [.. encoder.Frequencies.Select(f => f.ToFrozenDictionary(StringComparer.Ordinal))];
        _modeFrequencies = [.. encoder.ImputedModes.Select((mode, j) => encoder.Frequencies[j][mode])];
        _shift = [.. encoder.Mean];
        _inverseScale = [.. encoder.Scale.Select(s => 1 / s)];
        _center = [.. subspace.Center];
        _basis = new double[subspace.Complement.Length * _width];
        for (int k = 0; k < subspace.Complement.Length; k++)
        {
            subspace.Complement[k].CopyTo(_basis, k * _width);
        }

        ComplementCount = subspace.Complement.Length;
        Fingerprint = ComputeFingerprint();
    }

    public int NumericCount => _imputedMeans.Length;

    public int CategoricalCount => _frequencies.Length;

    /// <summary>The number of eigenvectors a row is projected on (the columns minus the kept components).</summary>
    public int ComplementCount { get; }

    /// <summary>A hash of every fitted parameter: sums saved under one fit are not added to another's.</summary>
    public long Fingerprint { get; }

    /// <summary>
    /// The row's reconstruction error; false when a numeric value is infinite (the batch detector refuses
    /// such a row; the logging path counts it instead). NaN and null are missing and imputed.
    /// </summary>
    /// <param name="numeric">The numeric features in the fitted order.</param>
    /// <param name="categorical">The categorical features in the fitted order.</param>
    /// <param name="error">The distance of the standardised row from the principal subspace.</param>
    /// <returns>Whether the row could be scored.</returns>
    public bool TryScore(ReadOnlySpan<double> numeric, ReadOnlySpan<string?> categorical, out double error)
    {
        Span<double> c = _width <= 256 ? stackalloc double[_width] : new double[_width];
        for (int j = 0; j < numeric.Length; j++)
        {
            double x = numeric[j];
            if (double.IsNaN(x))
            {
                x = _imputedMeans[j];
            }
            else if (!double.IsFinite(x))
            {
                error = double.NaN;
                return false;
            }

            c[j] = ((x - _shift[j]) * _inverseScale[j]) - _center[j];
        }

        int offset = numeric.Length;
        for (int j = 0; j < categorical.Length; j++)
        {
            double f = categorical[j] is { } value ? _frequencies[j].GetValueOrDefault(value) : _modeFrequencies[j];
            int column = offset + j;
            c[column] = ((f - _shift[column]) * _inverseScale[column]) - _center[column];
        }

        double squares = 0;
        ReadOnlySpan<double> basis = _basis;
        for (int k = 0; k < ComplementCount; k++)
        {
            double dot = Dot(basis.Slice(k * _width, _width), c);
            squares += dot * dot;
        }

        error = Math.Sqrt(squares);
        return true;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int j = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            for (int v = 0; v < va.Length; v++)
            {
                acc += va[v] * vb[v];
            }

            sum = Vector.Sum(acc);
            j = va.Length * Vector<double>.Count;
        }

        for (; j < a.Length; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }

    /// <summary>FNV-1a over every parameter's bits: stable across processes (a snapshot outlives a restart).</summary>
    private long ComputeFingerprint()
    {
        ulong hash = 14695981039346656037;
        void Add(ulong value)
        {
            for (int b = 0; b < 64; b += 8)
            {
                hash = (hash ^ ((value >> b) & 0xFF)) * 1099511628211;
            }
        }

        foreach (double[] part in new[] { _imputedMeans, _modeFrequencies, _shift, _inverseScale, _center, _basis })
        {
            Add((ulong)part.Length);
            foreach (double v in part)
            {
                Add((ulong)BitConverter.DoubleToInt64Bits(v));
            }
        }

        foreach (var frequencies in _frequencies)
        {
            foreach (var (category, f) in frequencies.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                foreach (char ch in category)
                {
                    Add(ch);
                }

                Add((ulong)BitConverter.DoubleToInt64Bits(f));
            }
        }

        return unchecked((long)hash);
    }
}
