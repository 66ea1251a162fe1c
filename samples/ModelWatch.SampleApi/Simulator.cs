using System.Globalization;
using System.Net.Http.Json;
using ModelWatch.Samples;

namespace ModelWatch.SampleApi;

/// <summary>
/// The sample acting as its own client: sends days resampled from the reference period (nothing
/// drifts), then the same kind of days 8 °C warmer by day (temp_max drifts; the rest does not).
/// </summary>
internal static class Simulator
{
    /// <summary>The shift added to temp_max in the drifted phase, in °C.</summary>
    public const double TempMaxShift = 8.0;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var baseUrl, out int normal, out int drifted, out int seed))
        {
            Console.Error.WriteLine("usage: ModelWatch.SampleApi --simulate <baseUrl> [--normal N] [--drifted N] [--seed S]   (defaults 500, 500, 1)");
            return 2;
        }

        var pool = WeatherDay.Load().Where(ReferencePeriod.Contains).ToList();
        var random = new Random(seed);
        using var http = new HttpClient { BaseAddress = baseUrl };
        int sentNormal = 0, sentDrifted = 0, failed = 0;
        for (int i = 0; i < normal + drifted; i++)
        {
            var day = pool[random.Next(pool.Count)];
            bool shifted = i >= normal;
            var body = new
            {
                precipitation = day.Precipitation,
                temp_max = day.TempMax + (shifted ? TempMaxShift : 0),
                temp_min = day.TempMin,
                wind = day.Wind,
            };
            try
            {
                using var response = await http.PostAsJsonAsync("/predict", body);
                if (!response.IsSuccessStatusCode)
                {
                    failed++;
                    continue;
                }
            }
            catch (HttpRequestException)
            {
                failed++;
                continue;
            }

            if (shifted)
            {
                sentDrifted++;
            }
            else
            {
                sentNormal++;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent: {sentNormal} normal, {sentDrifted} drifted, {failed} failed"));
        return failed == 0 ? 0 : 1;
    }

    private static bool TryParse(string[] args, out Uri baseUrl, out int normal, out int drifted, out int seed)
    {
        baseUrl = null!;
        normal = 500;
        drifted = 500;
        seed = 1;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            bool ok = args[i] switch
            {
                "--simulate" => Uri.TryCreate(value, UriKind.Absolute, out baseUrl!),
                "--normal" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out normal),
                "--drifted" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out drifted),
                "--seed" => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }

            i++;
        }

        return baseUrl is not null;
    }
}
