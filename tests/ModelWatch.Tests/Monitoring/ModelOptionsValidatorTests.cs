using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelWatch.Drift;
using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// An enum option set in code to a value its enum does not define is a validation problem, at
/// start-up and for a model added at run time, since both run <see cref="ModelOptionsValidator"/>.
/// </summary>
public sealed class ModelOptionsValidatorTests
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 500);

    public static TheoryData<string, string> UndefinedValues => new()
    {
        { "Prediction", "Unknown prediction kind '42' (expected Numeric, Categorical or None)" },
        { "Features:Kind", "Feature 'f1' has unknown kind '42' (expected Numeric or Categorical)" },
        { "Window:Kind", "Unknown window kind '42' (expected Time or Count)" },
        { "Reference:Source", "Unknown reference source '42' (expected Supplied, FirstPredictions or FirstPeriod)" },
        { "Drift:Correction", "Unknown correction '42' (expected None, Bonferroni or BenjaminiHochberg)" },
        { "Drift:Features:Detector", "Feature 'f0' names an unknown detector '42' (expected KolmogorovSmirnov (Ks), PopulationStabilityIndex (Psi), ChiSquared, JensenShannon or Wasserstein)" },
        { "Quality:Task", "Unknown quality task '42' (expected None, BinaryClassification, MulticlassClassification or Regression)" },
        { "Quality:ConceptDrift", "Unknown concept-drift detector '42' (expected None, Adwin, PageHinkley or DriftDetectionMethod)" },
        { "Quality:Thresholds:Metric", "A quality threshold names an unknown metric '42'" },
    };

    [Theory]
    [MemberData(nameof(UndefinedValues))]
    public void AddModel_UndefinedEnumValueFromCode_IsAValidationProblem(string option, string expected)
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference));
        using var _s = services;

        var atRunTime = Assert.Throws<OptionsValidationException>(() => watch.AddModel("late", m => Undefined(m, option)));
        Assert.Contains($"Model 'late': {expected}", string.Join("\n", atRunTime.Failures), StringComparison.Ordinal);
        Assert.Equal(["m"], watch.Models.Select(m => m.Name));

        var registration = new ServiceCollection();
        registration.AddModelWatch().AddModel("early", m => Undefined(m, option));
        using var provider = registration.BuildServiceProvider();
        var atStart = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelWatch>().Models);
        Assert.Contains($"Model 'early': {expected}", string.Join("\n", atStart.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void AddModel_DefinedValuesOfEveryEnumOption_AreAccepted()
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference));
        using var _s = services;

        var monitor = watch.AddModel("late", m => m
            .Version("2")
            .Numeric("f0")
            .Categorical("c0")
            .Prediction(PredictionKind.None)
            .WindowByCount(100, 10)
            .ReferenceFromFirstPredictions(50)
            .Configure(o =>
            {
                o.Drift.Correction = MultipleTestingCorrection.BenjaminiHochberg;
                o.Drift.Features["f0"] = new FeatureDriftOptions { Detector = DriftDetectorKind.Wasserstein };
                o.Quality.Task = ModelTask.Regression;
                o.Quality.ConceptDrift = ConceptDriftDetector.PageHinkley;
                o.Quality.Thresholds.Add(new QualityThresholdOptions { Metric = QualityMetric.MeanAbsoluteError, Maximum = 1 });
            }));

        Assert.Equal(["f0"], monitor.Schema.NumericFeatures.ToArray());
        Assert.Equal(["c0"], monitor.Schema.CategoricalFeatures.ToArray());
        Assert.Equal(PredictionKind.None, monitor.Schema.Prediction);
    }

    /// <summary>A valid model (reference from its first predictions, a regression task) with one enum option out of range.</summary>
    private static void Undefined(ModelBuilder m, string option)
    {
        m.Numeric("f0", "f1").ReferenceFromFirstPredictions(100).Regression();
        var o = m.Options;
        switch (option)
        {
            case "Prediction":
                o.Prediction = (PredictionKind)42;
                break;
            case "Features:Kind":
                o.Features[1].Kind = (FeatureKind)42;
                break;
            case "Window:Kind":
                o.Window.Kind = (WindowKind)42;
                break;
            case "Reference:Source":
                o.Reference.Source = (ReferenceSource)42;
                break;
            case "Drift:Correction":
                o.Drift.Correction = (MultipleTestingCorrection)42;
                break;
            case "Drift:Features:Detector":
                o.Drift.Features["f0"] = new FeatureDriftOptions { Detector = (DriftDetectorKind)42 };
                break;
            case "Quality:Task":
                o.Quality.Task = (ModelTask)42;
                break;
            case "Quality:ConceptDrift":
                o.Quality.ConceptDrift = (ConceptDriftDetector)42;
                break;
            case "Quality:Thresholds:Metric":
                o.Quality.Thresholds.Add(new QualityThresholdOptions { Metric = (QualityMetric)42, Maximum = 1 });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(option), option, null);
        }
    }
}
