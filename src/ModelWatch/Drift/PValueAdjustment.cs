namespace ModelWatch.Drift;

/// <summary>Adjusts a family of p-values for multiple testing.</summary>
public static class PValueAdjustment
{
    /// <summary>Writes adjusted p-values, aligned with the input.</summary>
    /// <param name="pValues">The p-values, each in [0, 1].</param>
    /// <param name="adjusted">Receives the adjusted p-values; the same length as <paramref name="pValues"/> (may be the same memory).</param>
    /// <param name="correction">The correction.</param>
    /// <exception cref="ArgumentException">The lengths differ or a p-value is NaN or outside [0, 1].</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="correction"/> is unknown.</exception>
    /// <remarks>
    /// Benjamini–Hochberg adjusted values (as R's <c>p.adjust(method = "BH")</c> and
    /// <c>scipy.stats.false_discovery_control</c>): with p sorted ascending, p̃_(i) = min over j ≥ i of
    /// min(1, m·p_(j)/j); feature i is a discovery at level q exactly when p̃_i ≤ q.
    /// </remarks>
    public static void Adjust(ReadOnlySpan<double> pValues, Span<double> adjusted, MultipleTestingCorrection correction)
    {
        if (adjusted.Length != pValues.Length)
        {
            throw new ArgumentException($"Expected {pValues.Length} slots, got {adjusted.Length}.", nameof(adjusted));
        }

        for (int i = 0; i < pValues.Length; i++)
        {
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
            {
                throw new ArgumentException($"p-value {i} is {pValues[i]}; p-values lie in [0, 1].", nameof(pValues));
            }
        }

        int m = pValues.Length;
        switch (correction)
        {
            case MultipleTestingCorrection.None:
                pValues.CopyTo(adjusted);
                break;
            case MultipleTestingCorrection.Bonferroni:
                for (int i = 0; i < m; i++)
                {
                    adjusted[i] = Math.Min(1, pValues[i] * m);
                }

                break;
            case MultipleTestingCorrection.BenjaminiHochberg:
                var order = new int[m];
                double[] sorted = pValues.ToArray();
                for (int i = 0; i < m; i++)
                {
                    order[i] = i;
                }

                Array.Sort(sorted, order);
                double running = 1;
                for (int rank = m; rank >= 1; rank--)
                {
                    running = Math.Min(running, sorted[rank - 1] * m / rank);
                    adjusted[order[rank - 1]] = running;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(correction), correction, "Unknown correction.");
        }
    }
}
