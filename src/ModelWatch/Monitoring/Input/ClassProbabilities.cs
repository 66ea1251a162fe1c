namespace ModelWatch.Monitoring;

/// <summary>Reads a multiclass model's class probabilities.</summary>
internal static class ClassProbabilities
{
    /// <summary>The most probable class (the first of equals), or −1 when an entry is not a probability.</summary>
    /// <param name="probabilities">One probability per class.</param>
    /// <param name="invalid">The first entry that is not a finite number in [0, 1], or −1.</param>
    public static int MostProbable(ReadOnlySpan<double> probabilities, out int invalid)
    {
        int predicted = 0;
        for (int c = 0; c < probabilities.Length; c++)
        {
            if (!double.IsFinite(probabilities[c]) || probabilities[c] < 0 || probabilities[c] > 1)
            {
                invalid = c;
                return -1;
            }

            if (probabilities[c] > probabilities[predicted])
            {
                predicted = c;
            }
        }

        invalid = -1;
        return predicted;
    }
}
