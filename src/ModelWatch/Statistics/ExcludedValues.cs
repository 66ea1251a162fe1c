using System.Runtime.CompilerServices;

namespace ModelWatch.Statistics;

/// <summary>
/// The values a numeric accumulator keeps out of its statistic, counted by kind: NaN is a missing
/// value, ±Infinity a non-finite one. One rule for <see cref="Moments"/>, <see cref="QuantileSketch"/>
/// and <see cref="Histogram"/>.
/// </summary>
internal struct ExcludedValues
{
    /// <summary>NaN values: missing.</summary>
    public long Missing;

    /// <summary>±Infinity values.</summary>
    public long NonFinite;

    /// <summary>Counts a value that is not finite.</summary>
    /// <param name="value">NaN or ±Infinity.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            Missing++;
        }
        else
        {
            NonFinite++;
        }
    }

    /// <summary>Adds the counts of <paramref name="other"/>.</summary>
    public void Merge(in ExcludedValues other)
    {
        Missing += other.Missing;
        NonFinite += other.NonFinite;
    }
}
