using System.Globalization;

namespace ModelWatch.SampleApi;

/// <summary>One row of Data/seattle_weather.csv (daily weather in Seattle, 2012-2015, public domain).</summary>
internal sealed record WeatherDay(DateOnly Date, double Precipitation, double TempMax, double TempMin, double Wind, string Weather)
{
    /// <summary>The model's features, in the order of <see cref="Features"/>.</summary>
    public static readonly string[] FeatureNames = ["precipitation", "temp_max", "temp_min", "wind"];

    public double[] Features => [Precipitation, TempMax, TempMin, Wind];

    /// <summary>The days of 2012 and 2013: the model's training data and the monitor's reference.</summary>
    public bool IsReferencePeriod => Date.Year is 2012 or 2013;

    public static IReadOnlyList<WeatherDay> Load(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != "date,precipitation,temp_max,temp_min,wind,weather")
        {
            throw new InvalidDataException($"{path}: unexpected header");
        }

        var days = new List<WeatherDay>(lines.Length - 1);
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] f = line.Split(',');
            days.Add(new WeatherDay(
                DateOnly.ParseExact(f[0], "yyyy/MM/dd", CultureInfo.InvariantCulture),
                double.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture),
                double.Parse(f[4], CultureInfo.InvariantCulture),
                f[5]));
        }

        return days;
    }

    public static string DataPath => Path.Combine(AppContext.BaseDirectory, "Data", "seattle_weather.csv");
}
