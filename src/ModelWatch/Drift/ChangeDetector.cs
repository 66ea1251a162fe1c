namespace ModelWatch.Drift;

/// <summary>
/// What every streaming change detector does alike: it ignores non-finite values, counts the values
/// it accepts and the changes it detects, and remembers the latest state. A detector supplies only
/// its test (<see cref="Observe"/>) and how to forget it (<see cref="Forget"/>).
/// </summary>
/// <remarks>
/// <see cref="Add"/> itself is not virtual: per value it costs one call to <see cref="Observe"/>
/// and allocates nothing of its own.
/// </remarks>
internal abstract class ChangeDetector : IChangeDetector
{
    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public ChangeDetectorState State { get; private set; }

    /// <inheritdoc />
    public long DriftCount { get; private set; }

    /// <inheritdoc />
    public ChangeDetectorState Add(double value)
    {
        if (!double.IsFinite(value))
        {
            return State;
        }

        // The test runs first, so a value it rejects with an exception is not counted.
        var state = Observe(value);
        Count++;
        if (state == ChangeDetectorState.Drift)
        {
            DriftCount++;
        }

        State = state;
        return state;
    }

    /// <inheritdoc />
    public void Reset()
    {
        Forget();
        Count = 0;
        DriftCount = 0;
        State = ChangeDetectorState.Stable;
    }

    /// <summary>Runs the test on the next finite value.</summary>
    /// <param name="value">The value; finite.</param>
    /// <returns>The state after this value; a detector that returns <see cref="ChangeDetectorState.Drift"/> has already restarted or shrunk its window as it sees fit.</returns>
    protected abstract ChangeDetectorState Observe(double value);

    /// <summary>Forgets the test's state, as if newly constructed (the counts are reset by <see cref="Reset"/>).</summary>
    protected abstract void Forget();
}
