using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring.Quality;

/// <summary>
/// A classifier's class names (<c>Quality:ClassNames</c>, the builder's <c>ClassNames</c>): checked
/// when the model is configured (one non-empty, distinct name per class of a classifier) and carried
/// on every report of the model.
/// </summary>
public sealed class ClassNamesTests
{
    public static TheoryData<string[], int, string> Invalid => new()
    {
        { ["sun", "rain"], 3, "Quality:ClassNames has 2 names for 3 classes: give one name per class, in class-index order." },
        { ["sun", "rain", "sun"], 3, "Quality:ClassNames names a class twice ('sun'): each class needs a name of its own." },
        { ["sun", " ", "fog"], 3, "Quality:ClassNames[1] is empty: every class needs a name." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_MulticlassNamesThatDoNotFitTheClasses_FailWithAClearMessage(string[] names, int classes, string expected)
    {
        var options = Multiclass(classes, names);

        var result = new ModelOptionsValidator().Validate("weather", options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesWithoutAClassifierTask_Fail()
    {
        var options = new ModelOptions();
        options.Features.Add(new FeatureOptions { Name = "x" });
        options.Quality.ClassNames.Add("a");

        var result = new ModelOptionsValidator().Validate("m", options);

        Assert.Contains("Quality:ClassNames names a classifier's classes: set Quality:Task to BinaryClassification or MulticlassClassification (got None).", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BinaryClassifier_TakesTwoNames()
    {
        var options = new ModelOptions();
        options.Features.Add(new FeatureOptions { Name = "x" });
        options.Reference.Source = ReferenceSource.FirstPredictions;
        options.Quality.Task = ModelTask.BinaryClassification;
        options.Quality.ClassNames.Add("legit");
        options.Quality.ClassNames.Add("fraud");
        var valid = new ModelOptionsValidator().Validate("m", options);
        Assert.True(valid.Succeeded, valid.FailureMessage);

        options.Quality.ClassNames.Add("review");
        Assert.Contains("Quality:ClassNames has 3 names for 2 classes", new ModelOptionsValidator().Validate("m", options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Builder_ClassNames_ReplacesEarlierNames_AndEveryReportCarriesThem()
    {
        var reference = new ReferenceProfileBuilder(new ModelSchema(["x"], prediction: PredictionKind.Categorical));
        for (int i = 0; i < 300; i++)
        {
            reference.Add([i % 7], i % 3);
        }

        var (services, watch, _) = TestModels.Create(m => m
            .Numeric("x")
            .MulticlassClassification(3)
            .ClassNames("a", "b")
            .ClassNames("sun", "rain", "fog")
            .Reference(reference.Build())
            .WindowByCount(30));
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < 30; i++)
        {
            monitor.Log([i % 7], i % 3);
        }

        await watch.EvaluateAsync();

        var report = watch.GetLatestReport("m");
        Assert.NotNull(report);
        Assert.Equal(["sun", "rain", "fog"], report.ClassNames.ToArray());
        Assert.Equal(["0", "1", "2"], report.Features.Single(f => f.IsPrediction).Categories.Take(3).ToArray());
    }

    private static ModelOptions Multiclass(int classes, string[] names)
    {
        var options = new ModelOptions { Prediction = PredictionKind.Categorical };
        options.Features.Add(new FeatureOptions { Name = "x" });
        options.Quality.Task = ModelTask.MulticlassClassification;
        options.Quality.Classes = classes;
        foreach (string name in names)
        {
            options.Quality.ClassNames.Add(name);
        }

        return options;
    }
}
