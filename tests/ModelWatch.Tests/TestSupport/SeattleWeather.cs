using ModelWatch.Samples;

namespace ModelWatch.Tests.TestSupport;

/// <summary>
/// The Seattle daily weather data, loaded once per test run through the samples' loader
/// (samples/ModelWatch.Shared: <see cref="WeatherDay.Load()"/>, which checks the file's SHA-256;
/// see its Data/README.md for source, license and the label drift the data contains).
/// </summary>
internal static class SeattleWeather
{
    // Parsing is cheap but several tests share the data; Lazy also makes concurrent first use safe.
    private static readonly Lazy<IReadOnlyList<WeatherDay>> Days = new(WeatherDay.Load);

    public static IReadOnlyList<WeatherDay> Load() => Days.Value;
}
