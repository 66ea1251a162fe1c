namespace ModelWatch.Estimation;

/// <summary>Checked rows of numeric (NaN = missing) and categorical (null = missing) values.</summary>
internal sealed class FeatureRows
{
    private FeatureRows(double[][] numeric, string?[][] categorical, int rowCount, int numericWidth, int categoricalWidth)
    {
        Numeric = numeric;
        Categorical = categorical;
        RowCount = rowCount;
        NumericWidth = numericWidth;
        CategoricalWidth = categoricalWidth;
    }

    public double[][] Numeric { get; }

    public string?[][] Categorical { get; }

    public int RowCount { get; }

    public int NumericWidth { get; }

    public int CategoricalWidth { get; }

    /// <summary>
    /// Checks the rows: an empty outer array means no columns of that kind; otherwise both kinds have one
    /// row per observation, every row of a kind has the same width, and numeric values are finite or NaN.
    /// </summary>
    /// <param name="numericRows">The numeric rows.</param>
    /// <param name="categoricalRows">The categorical rows.</param>
    /// <param name="widths">The widths the rows must have, or null to take them from the first row.</param>
    public static FeatureRows Create(double[][] numericRows, string?[][] categoricalRows, (int Numeric, int Categorical)? widths)
    {
        ArgumentNullException.ThrowIfNull(numericRows);
        ArgumentNullException.ThrowIfNull(categoricalRows);
        int rows = Math.Max(numericRows.Length, categoricalRows.Length);
        if (rows == 0)
        {
            throw new ArgumentException("There are no rows.", nameof(numericRows));
        }

        if (numericRows.Length != 0 && categoricalRows.Length != 0 && numericRows.Length != categoricalRows.Length)
        {
            throw new ArgumentException(
                $"{numericRows.Length} numeric rows and {categoricalRows.Length} categorical rows: the lengths differ.", nameof(categoricalRows));
        }

        int numericWidth = widths?.Numeric ?? (numericRows.Length == 0 ? 0 : numericRows[0]?.Length ?? 0);
        int categoricalWidth = widths?.Categorical ?? (categoricalRows.Length == 0 ? 0 : categoricalRows[0]?.Length ?? 0);
        if (numericWidth + categoricalWidth == 0)
        {
            throw new ArgumentException("The rows have no columns.", nameof(numericRows));
        }

        double[][] numeric = Pad(numericRows, rows, numericWidth, nameof(numericRows), []);
        string?[][] categorical = Pad(categoricalRows, rows, categoricalWidth, nameof(categoricalRows), []);
        for (int row = 0; row < rows; row++)
        {
            foreach (double v in numeric[row])
            {
                if (double.IsInfinity(v))
                {
                    throw new ArgumentException($"Row {row} holds {v}; numeric values must be finite (NaN marks a missing value).", nameof(numericRows));
                }
            }
        }

        return new FeatureRows(numeric, categorical, rows, numericWidth, categoricalWidth);
    }

    /// <summary>The rows, or <paramref name="rows"/> empty rows when there are no columns of this kind.</summary>
    private static T[][] Pad<T>(T[][] values, int rows, int width, string name, T[] empty)
    {
        if (values.Length == 0)
        {
            if (width != 0)
            {
                throw new ArgumentException($"Expected {rows} rows of {width} values.", name);
            }

            return [.. Enumerable.Repeat(empty, rows)];
        }

        for (int row = 0; row < values.Length; row++)
        {
            if (values[row] is null || values[row].Length != width)
            {
                throw new ArgumentException($"Row {row} has {values[row]?.Length ?? 0} values; expected {width}.", name);
            }
        }

        return values;
    }
}
