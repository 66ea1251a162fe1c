namespace ModelWatch.Drift;

/// <summary>Which changes of the mean a <see cref="PageHinkley"/> detector looks for.</summary>
internal enum PageHinkleyDirection
{
    /// <summary>Increases and decreases (two one-sided tests run side by side).</summary>
    Both = 0,

    /// <summary>Increases of the mean only (e.g. a rising error rate).</summary>
    Increase = 1,

    /// <summary>Decreases of the mean only (e.g. a falling accuracy).</summary>
    Decrease = 2,
}
