namespace ModelWatch.Monitoring;

/// <summary>One scored outcome for the concept-drift detector: when it arrived and the model's error.</summary>
/// <param name="Ticks">Arrival time (UTC ticks).</param>
/// <param name="Error">0/1 for classification, the absolute error for regression.</param>
internal readonly record struct ErrorEvent(long Ticks, double Error);
