using System.Text.Json.Serialization;

namespace ModelWatch.Statistics;

/// <summary>
/// The saved state of a <see cref="Moments"/> accumulator: take one with
/// <see cref="Moments.ToSnapshot"/>, write and read it with <see cref="StatisticsJson"/>, and turn it
/// back into an accumulator with <see cref="Moments.FromSnapshot"/> (to read or to merge).
/// </summary>
/// <remarks>
/// <para>
/// A snapshot is opaque: its contents are the accumulator's internal coordinates (shifted and
/// scaled sums), kept so that a round trip restores the exact state, bit for bit. Read statistics
/// from the restored <see cref="Moments"/>.
/// </para>
/// <para>
/// Two snapshots are equal when they hold the same state. The JSON form is part of the profile file
/// format (docs/profiles.md): what one version writes, later versions read.
/// </para>
/// </remarks>
internal sealed record MomentsSnapshot
{
    [JsonConstructor]
    internal MomentsSnapshot()
    {
    }

    /// <summary>Gets the number of finite values.</summary>
    [JsonInclude]
    internal long Count { get; init; }

    /// <summary>Gets the number of NaN values.</summary>
    [JsonInclude]
    internal long MissingCount { get; init; }

    /// <summary>Gets the number of ±Infinity values.</summary>
    [JsonInclude]
    internal long NonFiniteCount { get; init; }

    /// <summary>Gets the shift (the origin of the accumulated deviations).</summary>
    [JsonInclude]
    internal double Shift { get; init; }

    /// <summary>Gets the binary exponent of the scale, or <see langword="null"/> while every deviation has been 0.</summary>
    [JsonInclude]
    internal int? ScaleExponent { get; init; }

    /// <summary>Gets the mean of the shifted, scaled values, as rounded by the running update.</summary>
    [JsonInclude]
    internal double ShiftedMean { get; init; }

    /// <summary>
    /// Gets what the running update rounded away from <see cref="ShiftedMean"/> (0, and not written,
    /// for snapshots of merged or restored state; files without it read as 0).
    /// </summary>
    [JsonInclude]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    internal double MeanError { get; init; }

    /// <summary>Gets the second central sum in scaled coordinates.</summary>
    [JsonInclude]
    internal double M2 { get; init; }

    /// <summary>Gets the third central sum in scaled coordinates.</summary>
    [JsonInclude]
    internal double M3 { get; init; }

    /// <summary>Gets the fourth central sum in scaled coordinates.</summary>
    [JsonInclude]
    internal double M4 { get; init; }

    /// <summary>Gets the smallest finite value (meaningless when <see cref="Count"/> is 0).</summary>
    [JsonInclude]
    internal double Min { get; init; }

    /// <summary>Gets the largest finite value (meaningless when <see cref="Count"/> is 0).</summary>
    [JsonInclude]
    internal double Max { get; init; }

    internal static MomentsSnapshot From(in MomentsState s) => new()
    {
        Count = s.Count,
        MissingCount = s.Excluded.Missing,
        NonFiniteCount = s.Excluded.NonFinite,
        Shift = s.Shift,
        ScaleExponent = s.HasScale ? s.ScaleExponent : null,
        ShiftedMean = s.ShiftedMean,
        MeanError = s.MeanError,
        M2 = s.M2,
        M3 = s.M3,
        M4 = s.M4,
        Min = s.Count == 0 ? 0 : s.Min,
        Max = s.Count == 0 ? 0 : s.Max,
    };

    internal MomentsState ToState()
    {
        if (Count < 0 || MissingCount < 0 || NonFiniteCount < 0)
        {
            throw new ArgumentException("Counts must not be negative.", "snapshot");
        }

        if (!double.IsFinite(Shift) || !double.IsFinite(ShiftedMean) || !double.IsFinite(MeanError) || !double.IsFinite(M2) || !double.IsFinite(M3)
            || !double.IsFinite(M4) || M2 < 0 || (Count > 0 && !(Min <= Max)))
        {
            throw new ArgumentException("The moment sums are not finite or not consistent.", "snapshot");
        }

        if (ScaleExponent is < -1000 or > 1000)
        {
            throw new ArgumentException("The scale exponent is out of range.", "snapshot");
        }

        var s = MomentsState.Empty;
        s.Count = Count;
        s.Excluded = new ExcludedValues { Missing = MissingCount, NonFinite = NonFiniteCount };
        s.Shift = Shift;
        s.HasScale = ScaleExponent.HasValue;
        s.ScaleExponent = ScaleExponent ?? 0;
        s.InverseScale = Math.ScaleB(1.0, -s.ScaleExponent);
        s.ShiftedMean = ShiftedMean;
        s.MeanError = MeanError;
        s.M2 = M2;
        s.M3 = M3;
        s.M4 = M4;
        if (Count > 0)
        {
            s.Min = Min;
            s.Max = Max;
        }

        return s;
    }
}
