namespace ModelWatch.Estimation;

/// <summary>
/// An increasing isotonic regression of 0/1 targets on scores, used as a probability calibrator:
/// scikit-learn's <c>IsotonicRegression(increasing=True, out_of_bounds='clip')</c>, which NannyML
/// fits in <c>nannyml/calibration.py</c> (<c>IsotonicCalibrator</c>).
/// </summary>
/// <remarks>
/// Fitting groups scores closer than 1e-15 (NumPy's float64 resolution) into one point carrying the
/// mean target and the row count as weight, pools adjacent violators, and keeps the resulting points
/// as knots. Prediction clips the score to the fitted range and interpolates linearly between knots,
/// so the calibration map is piecewise linear, not a step function.
/// </remarks>
internal sealed class IsotonicCalibrator
{
    /// <summary>Scores closer than this are one point (scikit-learn's <c>_make_unique</c> uses <c>finfo(float64).resolution</c>).</summary>
    private const double Resolution = 1e-15;

    private readonly double[] _knotsX;
    private readonly double[] _knotsY;

    private IsotonicCalibrator(double[] knotsX, double[] knotsY)
    {
        _knotsX = knotsX;
        _knotsY = knotsY;
    }

    /// <summary>Gets the x values of the knots, ascending.</summary>
    public IReadOnlyList<double> KnotsX => _knotsX;

    /// <summary>Gets the fitted values at the knots, non-decreasing.</summary>
    public IReadOnlyList<double> KnotsY => _knotsY;

    /// <summary>Gets the smallest fitted score: smaller scores are clipped to it.</summary>
    public double MinX => _knotsX[0];

    /// <summary>Gets the largest fitted score: larger scores are clipped to it.</summary>
    public double MaxX => _knotsX[^1];

    /// <summary>Fits the calibrator on the rows <paramref name="rows"/> of (scores, targets).</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="targets">The 0/1 targets.</param>
    /// <param name="rows">The rows to fit on; at least one.</param>
    public static IsotonicCalibrator Fit(IReadOnlyList<double> scores, IReadOnlyList<int> targets, IReadOnlyList<int> rows)
    {
        // Sort by score, then by target (scikit-learn's np.lexsort((y, X))).
        var order = rows.ToArray();
        Array.Sort(order, (a, b) =>
        {
            int c = scores[a].CompareTo(scores[b]);
            return c != 0 ? c : targets[a].CompareTo(targets[b]);
        });

        // Group near-equal scores; the group keeps its first score and the mean target.
        var x = new List<double>();
        var y = new List<double>();
        var w = new List<double>();
        int start = 0;
        while (start < order.Length)
        {
            double groupX = scores[order[start]];
            double sum = 0;
            int end = start;
            while (end < order.Length && scores[order[end]] - groupX < Resolution)
            {
                sum += targets[order[end]];
                end++;
            }

            int count = end - start;
            x.Add(groupX);
            y.Add(sum / count);
            w.Add(count);
            start = end;
        }

        double[] fitted = [.. y];
        PoolAdjacentViolators(fitted, [.. w]);
        return Thin([.. x], fitted);
    }

    /// <summary>The calibrated probability of <paramref name="score"/>.</summary>
    public double Predict(double score)
    {
        // out_of_bounds='clip', then numpy.interp between the knots.
        double t = Math.Min(Math.Max(score, MinX), MaxX);
        int last = _knotsX.Length - 1;
        if (t >= _knotsX[last])
        {
            return _knotsY[last];
        }

        int j = Array.BinarySearch(_knotsX, t);
        if (j >= 0)
        {
            return _knotsY[j];
        }

        j = ~j - 1; // kx[j] < t < kx[j + 1]
        double slope = (_knotsY[j + 1] - _knotsY[j]) / (_knotsX[j + 1] - _knotsX[j]);
        return (slope * (t - _knotsX[j])) + _knotsY[j];
    }

    /// <summary>
    /// Weighted pool-adjacent-violators in place, in the block-jumping form of scikit-learn's
    /// <c>_inplace_contiguous_isotonic_regression</c> (<c>sklearn/_isotonic.pyx</c>): a block absorbs
    /// the following blocks while they do not increase, then the scan steps back one block, since the
    /// pooled value may now violate the order with its predecessor. The pooled value is Σ(w·y)/Σw.
    /// </summary>
    private static void PoolAdjacentViolators(double[] y, double[] w)
    {
        int n = y.Length;

        // For a block [i, j]: end[i] = j and end[j] = i, so both neighbours of a block are one step away.
        var end = new int[n];
        for (int k = 0; k < n; k++)
        {
            end[k] = k;
        }

        int i = 0;
        while (i < n)
        {
            int next = end[i] + 1;
            if (next == n)
            {
                break;
            }

            if (y[i] < y[next])
            {
                i = next;
                continue;
            }

            double sumWy = w[i] * y[i];
            double sumW = w[i];
            while (true)
            {
                double previous = y[next];
                sumWy += w[next] * y[next];
                sumW += w[next];
                next = end[next] + 1;
                if (next == n || previous < y[next])
                {
                    y[i] = sumWy / sumW;
                    w[i] = sumW;
                    end[i] = next - 1;
                    end[next - 1] = i;
                    if (i > 0)
                    {
                        i = end[i - 1];
                    }

                    break;
                }
            }
        }

        // Spread each block's value over its members.
        i = 0;
        while (i < n)
        {
            int last = end[i];
            for (int k = i + 1; k <= last; k++)
            {
                y[k] = y[i];
            }

            i = last + 1;
        }
    }

    /// <summary>Drops interior knots equal to both neighbours (scikit-learn keeps only the corners); the function is unchanged.</summary>
    private static IsotonicCalibrator Thin(double[] x, double[] y)
    {
        var keptX = new List<double>(x.Length);
        var keptY = new List<double>(x.Length);
        for (int k = 0; k < x.Length; k++)
        {
            bool interior = k > 0 && k < x.Length - 1;
            if (!interior || y[k] != y[k - 1] || y[k] != y[k + 1])
            {
                keptX.Add(x[k]);
                keptY.Add(y[k]);
            }
        }

        return new IsotonicCalibrator([.. keptX], [.. keptY]);
    }
}
