using System.Globalization;
using csFastFloat;

namespace ModelWatch.Cli.Csv;

/// <summary>The one rule for what a numeric cell holds, shared by schema inference and profiling.</summary>
internal static class NumberParser
{
    /// <summary>
    /// Parses a cell as an invariant-culture number: an optional sign, digits with an optional '.'
    /// decimal point, an optional exponent, surrounding white space allowed; NaN, Infinity, inf and
    /// their negatives in any letter case. An empty or all-blank cell is missing (NaN). No thousands
    /// separators: "1,5" and "1,000" are not numbers, nor is anything with trailing text ("1.5kg").
    /// </summary>
    /// <returns>False when the cell holds something else.</returns>
    public static bool TryParse(ReadOnlySpan<char> cell, out double value)
    {
        if (cell.IsEmpty)
        {
            value = double.NaN;
            return true;
        }

        // csFastFloat (Lemire's fast_float: Clinger's fast path, then Eisel–Lemire, exact rounding)
        // parses a prefix; the rest of the cell must be blank. No digit-group separator.
        if (FastDoubleParser.TryParseDouble(cell, out int consumed, out value, NumberStyles.Float, '.', '\0')
            && (consumed == cell.Length || cell[consumed..].IsWhiteSpace()))
        {
            return true;
        }

        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (cell.IsWhiteSpace())
        {
            value = double.NaN;
            return true;
        }

        value = 0;
        return false;
    }
}
