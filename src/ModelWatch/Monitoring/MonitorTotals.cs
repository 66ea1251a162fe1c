namespace ModelWatch.Monitoring;

/// <summary>
/// Counts of one monitor since it started, for the observable counters and snapshots: what each
/// shard has recorded (added up under the shard's lock, so a reading never goes down) plus what
/// a restored snapshot brought.
/// </summary>
internal sealed class MonitorTotals
{
    public MonitorTotals(ModelSchema schema)
    {
        NumericMissing = new long[schema.NumericColumns.Length];
        NumericNonFinite = new long[schema.NumericColumns.Length];
        NumericOutOfRange = new long[schema.NumericColumns.Length];
        CategoricalMissing = new long[schema.CategoricalColumns.Length];
    }

    public long Events;
    public long SchemaViolations;
    public long Errors;
    public long Unseen;

    /// <summary>Rows and outcomes whose explicit event time was too far ahead of the clock (counted, not windowed).</summary>
    public long InvalidTimes;
    public readonly long[] NumericMissing;
    public readonly long[] NumericNonFinite;
    public readonly long[] NumericOutOfRange;
    public readonly long[] CategoricalMissing;

    /// <summary>Whether these totals have the columns of <paramref name="schema"/> (so they can be reused for its monitor).</summary>
    public bool Fits(ModelSchema schema) =>
        NumericMissing.Length == schema.NumericColumns.Length && CategoricalMissing.Length == schema.CategoricalColumns.Length;

    /// <summary>Back to zero, to be filled again.</summary>
    public void Clear()
    {
        Events = SchemaViolations = Errors = Unseen = InvalidTimes = 0;
        Array.Clear(NumericMissing);
        Array.Clear(NumericNonFinite);
        Array.Clear(NumericOutOfRange);
        Array.Clear(CategoricalMissing);
    }

    public void Add(WindowAccumulator a)
    {
        Events += a.Events;
        SchemaViolations += a.SchemaViolations;
        Errors += a.Errors;
        Unseen += a.UnseenCategories;
        for (int c = 0; c < NumericMissing.Length; c++)
        {
            NumericMissing[c] += a.Numeric[c].Missing;
            NumericNonFinite[c] += a.Numeric[c].NonFinite;
            NumericOutOfRange[c] += a.Numeric[c].OutOfRange;
        }

        for (int c = 0; c < CategoricalMissing.Length; c++)
        {
            CategoricalMissing[c] += a.CategoricalMissing[c];
        }

        // A segmented accumulator's rows are in its segments until the evaluator merges them.
        a.Segments?.AddTo(this);
    }

    public void Add(MonitorTotals t)
    {
        Events += t.Events;
        SchemaViolations += t.SchemaViolations;
        Errors += t.Errors;
        Unseen += t.Unseen;
        InvalidTimes += t.InvalidTimes;
        CountArrays.AddInto(NumericMissing, t.NumericMissing);
        CountArrays.AddInto(NumericNonFinite, t.NumericNonFinite);
        CountArrays.AddInto(NumericOutOfRange, t.NumericOutOfRange);
        CountArrays.AddInto(CategoricalMissing, t.CategoricalMissing);
    }
}
