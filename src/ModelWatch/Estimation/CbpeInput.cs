namespace ModelWatch.Estimation;

/// <summary>Argument checks shared by CBPE's reference and analysis inputs.</summary>
internal static class CbpeInput
{
    public static void RequireBinary(double[] scores, int[] predictions, string scoresName, string predictionsName)
    {
        ArgumentNullException.ThrowIfNull(scores, scoresName);
        ArgumentNullException.ThrowIfNull(predictions, predictionsName);
        if (scores.Length == 0)
        {
            throw new ArgumentException("There are no rows.", scoresName);
        }

        for (int i = 0; i < scores.Length; i++)
        {
            if (!(scores[i] >= 0 && scores[i] <= 1))
            {
                throw new ArgumentException($"Score {scores[i]} of row {i} is not a probability in [0, 1].", scoresName);
            }
        }

        RequireClasses(predictions, 2, scores.Length, predictionsName);
    }

    /// <returns>The number of classes (the width of the rows).</returns>
    public static int RequireMulticlass(double[][] probabilities, int[] predictions, int? classCount, string probabilitiesName, string predictionsName)
    {
        ArgumentNullException.ThrowIfNull(probabilities, probabilitiesName);
        ArgumentNullException.ThrowIfNull(predictions, predictionsName);
        if (probabilities.Length == 0)
        {
            throw new ArgumentException("There are no rows.", probabilitiesName);
        }

        int classes = classCount ?? probabilities[0]?.Length ?? 0;
        if (classes < 2)
        {
            throw new ArgumentException($"Rows of probabilities need at least 2 classes; row 0 has {classes}.", probabilitiesName);
        }

        for (int i = 0; i < probabilities.Length; i++)
        {
            double[] row = probabilities[i];
            if (row is null || row.Length != classes)
            {
                throw new ArgumentException($"Row {i} has {row?.Length ?? 0} probabilities; expected one per class ({classes}).", probabilitiesName);
            }

            foreach (double p in row)
            {
                if (!(p >= 0 && p <= 1))
                {
                    throw new ArgumentException($"Probability {p} in row {i} is not in [0, 1].", probabilitiesName);
                }
            }
        }

        RequireClasses(predictions, classes, probabilities.Length, predictionsName);
        return classes;
    }

    public static void RequireClasses(int[] values, int classes, int rows, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != rows)
        {
            throw new ArgumentException($"{values.Length} values for {rows} rows: the lengths differ.", name);
        }

        for (int i = 0; i < values.Length; i++)
        {
            if ((uint)values[i] >= (uint)classes)
            {
                throw new ArgumentException($"Value {values[i]} of row {i} is not a class index in [0, {classes - 1}].", name);
            }
        }
    }
}
