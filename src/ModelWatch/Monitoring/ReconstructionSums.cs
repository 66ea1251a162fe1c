namespace ModelWatch.Monitoring;

/// <summary>
/// One sub-window's multivariate-drift state: the count, the compensated sum and the sum of squares of
/// the rows' reconstruction errors, and the rows that could not be scored. Sums only, so shards,
/// sub-windows, snapshots and replicas merge exactly by addition.
/// </summary>
/// <remarks>
/// The sum is Neumaier-compensated: the window mean is within 2ε of the exact mean of the errors as
/// computed, for any number of rows. The sum of squares is plain (it only feeds the sampling error).
/// </remarks>
internal struct ReconstructionSums
{
    public long Rows;
    public double Sum;
    public double Compensation;
    public double Squares;

    /// <summary>Rows with an infinite numeric value, which the error is not defined for.</summary>
    public long Skipped;

    public readonly double Mean => Rows == 0 ? double.NaN : (Sum + Compensation) / Rows;

    /// <summary>The sample standard deviation of the errors (n − 1), NaN below two rows.</summary>
    public readonly double StandardDeviation
    {
        get
        {
            if (Rows < 2)
            {
                return double.NaN;
            }

            double mean = Mean;
            double variance = (Squares - (Rows * mean * mean)) / (Rows - 1);
            return Math.Sqrt(Math.Max(variance, 0));
        }
    }

    public void Add(double error)
    {
        Rows++;
        AddCompensated(error);
        Squares += error * error;
    }

    public void Merge(in ReconstructionSums other)
    {
        Rows += other.Rows;
        AddCompensated(other.Sum);
        AddCompensated(other.Compensation);
        Squares += other.Squares;
        Skipped += other.Skipped;
    }

    private void AddCompensated(double value)
    {
        double t = Sum + value;
        Compensation += Math.Abs(Sum) >= Math.Abs(value) ? (Sum - t) + value : (value - t) + Sum;
        Sum = t;
    }
}
