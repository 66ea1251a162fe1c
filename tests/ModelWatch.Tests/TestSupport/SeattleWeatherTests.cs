using System.Globalization;
using ModelWatch.Samples;
using Xunit.Abstractions;

namespace ModelWatch.Tests.TestSupport;

public sealed class SeattleWeatherTests
{
    private readonly ITestOutputHelper _output;

    public SeattleWeatherTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Load_WholeFile_HasFourYearsAndDocumented2012Labels()
    {
        var days = SeattleWeather.Load();

        Assert.Equal(1461, days.Count);
        Assert.Equal(new DateOnly(2012, 1, 1), days[0].Date);
        Assert.Equal(new DateOnly(2015, 12, 31), days[^1].Date);

        // One row per calendar day, in order; tests that slide windows over the rows rely on it.
        for (int i = 1; i < days.Count; i++)
        {
            Assert.Equal(days[i - 1].Date.AddDays(1), days[i].Date);
        }

        var counts2012 = days
            .Where(d => d.Date.Year == 2012)
            .GroupBy(d => d.Weather, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["drizzle"] = 31,
            ["fog"] = 5,
            ["rain"] = 191,
            ["snow"] = 21,
            ["sun"] = 118,
        };
        Assert.Equal(expected, counts2012);
    }

    [Fact]
    public void Features_Row_FollowsFeatureNamesOrder()
    {
        var first = SeattleWeather.Load()[0]; // 2012/01/01,0.0,12.8,5.0,4.7,drizzle

        Assert.Equal(["precipitation", "temp_max", "temp_min", "wind"], WeatherDay.FeatureNames);
        Assert.Equal([0.0, 12.8, 5.0, 4.7], first.Features);
        Assert.Equal("drizzle", first.Weather);
    }

    [Fact]
    public void RainModel_TrainedOn2012_FitsIt_ButFailsOn2014AfterLabelDrift()
    {
        var days = SeattleWeather.Load();
        var train = days.Where(d => d.Date.Year == 2012).ToList();
        var later = days.Where(d => d.Date.Year == 2014).ToList();

        var model = LogisticRegression.Train(
            train.Select(d => d.Features).ToList(),
            train.Select(IsRain).ToList());

        double trainAccuracy = Accuracy(model, train);
        double laterAccuracy = Accuracy(model, later);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy 2012 (train) = {trainAccuracy:F4}, 2014 = {laterAccuracy:F4}"));

        // The features do predict the 2012 label. The fit reaches 0.7732, and the bar is 0.75 rather
        // than 0.80 because 0.77 is the limit of this model, not a training problem: Newton has
        // converged after 5 steps, and any lambda from 0 to 1e-2 gives 0.765-0.773. In 2012 "rain"
        // roughly means "precipitation > 0" (that rule alone scores 0.847), but a logit that is
        // linear in the heavily skewed raw precipitation cannot form such a step.
        Assert.True(trainAccuracy >= 0.75, string.Create(CultureInfo.InvariantCulture, $"2012 training accuracy {trainAccuracy:F4} < 0.75"));

        // In 2014 the same kind of weather is labelled "fog" or "sun" (only 3 "rain" days), so the
        // unchanged model is wrong on most wet days. This is the label drift described in
        // samples/ModelWatch.Shared/Data/README.md.
        Assert.True(laterAccuracy < 0.6, string.Create(CultureInfo.InvariantCulture, $"2014 accuracy {laterAccuracy:F4} >= 0.6"));
    }

    [Fact]
    public void LogisticRegression_SameData_IsDeterministic()
    {
        var train = SeattleWeather.Load().Where(d => d.Date.Year == 2012).ToList();
        var x = train.Select(d => d.Features).ToList();
        var y = train.Select(IsRain).ToList();

        var a = LogisticRegression.Train(x, y);
        var b = LogisticRegression.Train(x, y);

        foreach (var d in train)
        {
            Assert.Equal(a.PredictProbability(d.Features), b.PredictProbability(d.Features));
        }
    }

    private static int IsRain(WeatherDay d) => d.Weather == "rain" ? 1 : 0;

    private static double Accuracy(LogisticRegression model, List<WeatherDay> days)
    {
        int correct = 0;
        foreach (var d in days)
        {
            int predicted = model.PredictProbability(d.Features) >= 0.5 ? 1 : 0;
            if (predicted == IsRain(d))
            {
                correct++;
            }
        }

        return (double)correct / days.Count;
    }
}
