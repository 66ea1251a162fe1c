using ModelWatch.Samples;

namespace ModelWatch.SampleApi;

/// <summary>The days of 2012 and 2013: the model's training data, the monitor's reference and the simulator's pool.</summary>
internal static class ReferencePeriod
{
    /// <summary>Whether a day belongs to the reference period.</summary>
    /// <param name="day">The day.</param>
    /// <returns>True for the days of 2012 and 2013.</returns>
    public static bool Contains(WeatherDay day) => day.Date.Year is 2012 or 2013;
}
