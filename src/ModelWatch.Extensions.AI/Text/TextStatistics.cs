namespace ModelWatch.Extensions.AI.Text;

/// <summary>The counts one pass over a text yields (<see cref="TextMeasure.Measure"/>).</summary>
internal readonly record struct TextStatistics
{
    /// <summary>Gets the number of Unicode scalar values; a lone surrogate counts as one (as U+FFFD would).</summary>
    public int Characters { get; init; }

    /// <summary>Gets the number of words: runs of letters, digits and marks, and each Han, kana or CJK-symbol character on its own.</summary>
    public int Words { get; init; }

    /// <summary>Gets the number of sentences: terminated ones plus an unterminated tail that holds a word.</summary>
    public int Sentences { get; init; }

    /// <summary>Gets the number of characters that are not white space.</summary>
    public int Visible { get; init; }

    /// <summary>Gets the number of letters and combining marks (Unicode categories L* and M*).</summary>
    public int Letters { get; init; }

    /// <summary>Gets the number of lone (unpaired) UTF-16 surrogates.</summary>
    public int LoneSurrogates { get; init; }

    /// <summary>Gets the share of visible characters that are not letters; NaN (a missing value) when nothing is visible.</summary>
    public double NonLetterShare => Visible == 0 ? double.NaN : (double)(Visible - Letters) / Visible;
}
