using Microsoft.Extensions.Options;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>
/// Every rule of <see cref="ModelOptions"/>: the attribute rules (through the generated
/// <see cref="ModelOptionsAttributeValidator"/>) and those attributes cannot express — enum values
/// that are defined, a non-empty schema without duplicates, windows that hold whole sub-windows,
/// ordered thresholds, settings that fit the model's task. Every problem of a model is reported in
/// one result. Registration, <see cref="IModelWatch.AddModel"/> and profile comparison all run it;
/// <see cref="ModelDefinition.Create"/> then only converts.
/// </summary>
internal sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    private static readonly ModelOptionsAttributeValidator Attributes = new();

    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var attributeResult = Attributes.Validate(name, options);
        if (attributeResult.Failed)
        {
            errors.AddRange(attributeResult.Failures);
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("The model name is empty.");
        }

        ModelNames.Check(name, errors);

        if (string.IsNullOrWhiteSpace(options.Version))
        {
            errors.Add("The version is empty.");
        }

        CheckSchema(options, errors);
        CheckWindow(options.Window, errors);
        CheckReference(options, errors);
        CheckDrift(options, errors);
        CheckQuality(options.Quality, options.Prediction, errors);
        SegmentOptionsRules.Check(options, errors);
        if (options.Alerts.Cooldown < TimeSpan.Zero)
        {
            errors.Add("The alert cool-down must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => $"Model '{ModelNames.ForMessage(name ?? "")}': {e}"));
    }

    private static void CheckSchema(ModelOptions o, List<string> errors)
    {
        if (!Enum.IsDefined(o.Prediction))
        {
            errors.Add($"Unknown prediction kind '{o.Prediction}' (expected {EnumOptions.Expected<PredictionKind>()}).");
        }

        foreach (var f in o.Features.Where(f => !Enum.IsDefined(f.Kind)))
        {
            errors.Add($"Feature '{f.Name}' has unknown kind '{f.Kind}' (expected {EnumOptions.Expected<FeatureKind>()}).");
        }

        string[] categorical = [.. o.Features.Where(f => f.Kind == FeatureKind.Categorical).Select(f => f.Name)];
        if (o.Features.Count == 0)
        {
            errors.Add("The schema is empty: declare at least one feature.");
        }
        else if (ModelSchema.Validate(
            [.. o.Features.Where(f => f.Kind == FeatureKind.Numeric).Select(f => f.Name)],
            categorical,
            Enum.IsDefined(o.Prediction) ? o.Prediction : PredictionKind.None) is { } schemaProblem)
        {
            errors.Add(schemaProblem);
        }

        foreach (string hashed in o.HashedCategories.Where(h => !categorical.Contains(h, StringComparer.Ordinal)))
        {
            errors.Add($"Hashed category '{hashed}' is not a categorical feature of the model.");
        }

        if (o.HashedCategories.Count > 0 && (o.CategoryHashKey?.Length ?? 0) < CategoryHashing.MinKeyLength)
        {
            errors.Add($"Hashing categories needs CategoryHashKey, a secret of at least {CategoryHashing.MinKeyLength} characters.");
        }
    }

    private static void CheckWindow(WindowOptions w, List<string> errors)
    {
        switch (w.Kind)
        {
            case WindowKind.Count:
                long sub = w.SubWindowSizeInPredictions ?? w.SizeInPredictions;
                if (sub < 1)
                {
                    errors.Add("The sub-window size must be at least one prediction.");
                }
                else if (w.SizeInPredictions < sub)
                {
                    errors.Add($"The window ({w.SizeInPredictions} predictions) is shorter than its sub-window ({sub}).");
                }
                else if (w.SizeInPredictions % sub != 0 || w.SizeInPredictions / sub > 1_000)
                {
                    errors.Add($"The window ({w.SizeInPredictions} predictions) must hold a whole number of sub-windows ({sub}), at most 1,000.");
                }

                break;
            case WindowKind.Time:
                var subDuration = w.SubWindowDuration ?? w.Duration;
                if (w.Duration <= TimeSpan.Zero)
                {
                    errors.Add("The window duration must be positive.");
                }
                else if (subDuration <= TimeSpan.Zero)
                {
                    errors.Add("The sub-window duration must be positive.");
                }
                else if (w.Duration < subDuration)
                {
                    errors.Add($"The window ({w.Duration}) is shorter than its sub-window ({subDuration}).");
                }
                else if (w.Duration.Ticks % subDuration.Ticks != 0 || w.Duration.Ticks / subDuration.Ticks > 1_000)
                {
                    errors.Add($"The window ({w.Duration}) must hold a whole number of sub-windows ({subDuration}), at most 1,000.");
                }

                break;
            default:
                errors.Add($"Unknown window kind '{w.Kind}' (expected {EnumOptions.Expected<WindowKind>()}).");
                break;
        }

        if (!Enum.IsDefined(w.Alignment))
        {
            errors.Add($"Unknown window alignment '{w.Alignment}' (expected {EnumOptions.Expected<WindowAlignment>()}).");
        }
        else if (w.Alignment != WindowAlignment.Epoch && w.Kind == WindowKind.Count)
        {
            errors.Add($"Window:Alignment {w.Alignment} applies to time windows; count windows (Window:Kind Count) start with the first prediction already.");
        }
        else if (w.Alignment == WindowAlignment.Month && w.SubWindowDuration is { } monthSub && monthSub != w.Duration)
        {
            errors.Add($"Window:Alignment Month makes every window one calendar month, tumbling: leave Window:SubWindowDuration ({monthSub}) unset.");
        }

        if (w.MaxEventTimeLead < TimeSpan.Zero || w.MaxEventTimeLead > WindowOptions.LongestEventTimeLead)
        {
            errors.Add($"Window:MaxEventTimeLead ({w.MaxEventTimeLead}) must be between 0 and {WindowOptions.LongestEventTimeLead} (how far an event's own time may be ahead of the clock).");
        }
    }

    private static void CheckReference(ModelOptions o, List<string> errors)
    {
        var r = o.Reference;
        if (!Enum.IsDefined(r.Source))
        {
            errors.Add($"Unknown reference source '{r.Source}' (expected {EnumOptions.Expected<ReferenceSource>()}).");
        }
        else if (r.Source == ReferenceSource.Supplied && o.SuppliedReference is null && o.ReferenceFactory is null && string.IsNullOrWhiteSpace(r.Path))
        {
            errors.Add("No reference is supplied: call .Reference(...) on the model builder, set Reference:Path to a profile file, or set Reference:Source to FirstPredictions or FirstPeriod.");
        }

        if (r.Period <= TimeSpan.Zero)
        {
            errors.Add("The reference period must be positive.");
        }

        if (r.PsiBins > 0 && r.Bins % r.PsiBins != 0)
        {
            errors.Add($"Reference bins ({r.Bins}) must be a multiple of PSI bins ({r.PsiBins}).");
        }
    }

    private static void CheckDrift(ModelOptions o, List<string> errors)
    {
        var d = o.Drift;
        if (!(d.PsiThreshold < d.PsiMajorThreshold))
        {
            errors.Add($"Thresholds out of order: the PSI threshold ({d.PsiThreshold}) must be below the major PSI threshold ({d.PsiMajorThreshold}).");
        }

        if (d.ExactSamplesUpTo is < 0 or > DriftOptions.MaxExactSamples)
        {
            errors.Add($"Drift:ExactSamplesUpTo must be between 0 (off) and {DriftOptions.MaxExactSamples:N0} raw values per numeric column; got {d.ExactSamplesUpTo:N0}.");
        }
        else
        {
            // One flat array per window accumulator holds every numeric column's values.
            long numeric = o.Features.Count(f => f.Kind == FeatureKind.Numeric) + (o.Prediction == PredictionKind.Numeric ? 1 : 0);
            if ((long)d.ExactSamplesUpTo * numeric > Array.MaxLength)
            {
                errors.Add($"Drift:ExactSamplesUpTo ({d.ExactSamplesUpTo:N0}) × {numeric:N0} numeric columns is more values than one window can hold ({Array.MaxLength:N0}); lower it.");
            }
        }

        if (d.Multivariate is { } multivariate)
        {
            int numeric = o.Features.Count(f => f.Kind == FeatureKind.Numeric);
            int categorical = o.Features.Count(f => f.Kind == FeatureKind.Categorical);
            if (multivariate.NumericCount != numeric || multivariate.CategoricalCount != categorical)
            {
                errors.Add($"DetectMultivariateDrift was fitted on {multivariate.NumericCount} numeric and {multivariate.CategoricalCount} categorical columns, but the model has {numeric} numeric and {categorical} categorical features: fit it on the features in the order they are logged.");
            }
        }

        if (d.MultivariateProduction is { } production)
        {
            if (o.Reference.Source == ReferenceSource.Supplied)
            {
                errors.Add("DetectMultivariateDriftFromProduction fits on a production reference: call ReferenceFromFirstPredictions or ReferenceFromFirstPeriod (Reference:Source), or pass the reference rows to DetectMultivariateDrift(numericRows, categoricalRows).");
            }

            if (production.CalibrationWindows is < 2 or > 1_000)
            {
                errors.Add($"DetectMultivariateDriftFromProduction needs 2 to 1,000 calibration windows (got {production.CalibrationWindows}).");
            }

            if (!(production.VarianceToKeep > 0 && production.VarianceToKeep < 1))
            {
                errors.Add($"DetectMultivariateDriftFromProduction's variance to keep must be in (0, 1) (got {production.VarianceToKeep}).");
            }
        }

        if (!Enum.IsDefined(d.Correction))
        {
            errors.Add($"Unknown correction '{d.Correction}' (expected {EnumOptions.Expected<MultipleTestingCorrection>()}).");
        }

        var featureNames = new HashSet<string>(o.Features.Select(f => f.Name), StringComparer.Ordinal) { ModelSchema.PredictionColumn };
        foreach (var (feature, over) in d.Features)
        {
            if (!featureNames.Contains(feature))
            {
                errors.Add($"Drift settings name an unknown feature '{feature}'.");
            }

            if (over.Detector is { } detector && !Enum.IsDefined(detector))
            {
                errors.Add($"Feature '{feature}' names an unknown detector '{detector}' (expected {EnumOptions.ExpectedDetectors()}).");
            }

            if (over.Threshold is double t && !(double.IsFinite(t) && t > 0))
            {
                errors.Add($"Feature '{feature}' has a threshold that is not a positive number ({t}).");
            }
        }
    }

    /// <summary>Class names: a classifier's, one per class, each non-empty and distinct.</summary>
    private static void CheckClassNames(QualityOptions q, List<string> errors)
    {
        if (q.ClassNames.Count == 0)
        {
            return;
        }

        int? classes = q.Task switch
        {
            ModelTask.BinaryClassification => 2,
            ModelTask.MulticlassClassification => q.Classes,
            _ => null,
        };
        if (classes is null)
        {
            errors.Add($"Quality:ClassNames names a classifier's classes: set Quality:Task to BinaryClassification or MulticlassClassification (got {q.Task}).");
            return;
        }

        if (q.ClassNames.Count != classes)
        {
            errors.Add($"Quality:ClassNames has {q.ClassNames.Count} names for {classes} classes: give one name per class, in class-index order.");
        }

        for (int i = 0; i < q.ClassNames.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(q.ClassNames[i]))
            {
                errors.Add($"Quality:ClassNames[{i}] is empty: every class needs a name.");
            }
        }

        var duplicates = q.ClassNames.Where(n => !string.IsNullOrWhiteSpace(n)).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'").ToList();
        if (duplicates.Count > 0)
        {
            errors.Add($"Quality:ClassNames names a class twice ({string.Join(", ", duplicates)}): each class needs a name of its own.");
        }
    }

    private static void CheckEstimator(QualityOptions q, List<string> errors)
    {
        if (q.Estimator is not { } estimator)
        {
            return;
        }

        int classes = q.Task switch
        {
            ModelTask.BinaryClassification => 2,
            ModelTask.MulticlassClassification => q.Classes,
            _ => 0,
        };
        if (classes == 0)
        {
            errors.Add($"EstimatePerformance estimates a classifier's performance: set Quality:Task to BinaryClassification or MulticlassClassification (got {q.Task}).");
        }
        else if (estimator.ClassCount != classes || (q.Task == ModelTask.MulticlassClassification) != (estimator.Multiclass is not null))
        {
            string fitted = estimator.Multiclass is null ? "a binary reference" : $"a {estimator.ClassCount}-class reference";
            errors.Add($"EstimatePerformance was fitted on {fitted}, but the model is a {q.Task} of {classes} classes: fit it on the model's own classes.");
        }
    }

    private static void CheckQuality(QualityOptions q, PredictionKind prediction, List<string> errors)
    {
        if (!Enum.IsDefined(q.Task))
        {
            // Every other quality rule depends on the task.
            errors.Add($"Unknown quality task '{q.Task}' (expected {EnumOptions.Expected<ModelTask>()}).");
            return;
        }

        if (!Enum.IsDefined(q.ConceptDrift))
        {
            errors.Add($"Unknown concept-drift detector '{q.ConceptDrift}' (expected {EnumOptions.Expected<ConceptDriftDetector>()}).");
        }

        if (q.PendingTimeToLive <= TimeSpan.Zero)
        {
            errors.Add("The pending time-to-live of outcomes must be positive.");
        }

        switch (q.Task)
        {
            case ModelTask.BinaryClassification or ModelTask.Regression when prediction == PredictionKind.Categorical:
                errors.Add($"A {q.Task} model's prediction is a number: set Prediction to Numeric (or None).");
                break;
            case ModelTask.MulticlassClassification when q.Classes < 2:
                errors.Add($"A multiclass model needs Quality:Classes of at least 2 (got {q.Classes}).");
                break;
            case ModelTask.MulticlassClassification when prediction == PredictionKind.Numeric:
                errors.Add("A multiclass model's prediction is a class index: set Prediction to Categorical (or None); the builder's MulticlassClassification does this.");
                break;
            case ModelTask.Regression when q.ConceptDrift == ConceptDriftDetector.DriftDetectionMethod:
                errors.Add("DDM watches 0/1 errors; a regression model's concept drift needs Adwin or PageHinkley.");
                break;
        }

        CheckClassNames(q, errors);
        CheckEstimator(q, errors);
        foreach (var t in q.Thresholds)
        {
            if (t.Metric is not { } metric)
            {
                errors.Add($"A quality threshold names no metric (expected {EnumOptions.Expected<QualityMetric>()}).");
                continue;
            }

            if (!Enum.IsDefined(metric))
            {
                errors.Add($"A quality threshold names an unknown metric '{metric}' (expected {EnumOptions.Expected<QualityMetric>()}).");
                continue;
            }

            if (q.Task == ModelTask.None)
            {
                errors.Add($"A quality threshold on {metric} needs a Quality:Task.");
            }
            else if (!QualityMetrics.AppliesTo(metric, q.Task))
            {
                errors.Add($"The quality metric {metric} does not apply to a {q.Task} model.");
            }

            if (t.Minimum is null && t.Maximum is null && t.MaxDrop is null)
            {
                errors.Add($"The quality threshold on {metric} sets no limit (Minimum, Maximum or MaxDrop).");
            }

            if (t.Minimum is double min && t.Maximum is double max && !(min < max))
            {
                errors.Add($"Thresholds out of order: the minimum of {metric} ({min}) must be below its maximum ({max}).");
            }

            if (t.MaxDrop is double drop && !(double.IsFinite(drop) && drop >= 0))
            {
                errors.Add($"The allowed drop of {metric} must be a non-negative number (got {drop}).");
            }

            if ((t.Minimum is double a && !double.IsFinite(a)) || (t.Maximum is double b && !double.IsFinite(b)) || (t.Baseline is double c && !double.IsFinite(c)))
            {
                errors.Add($"The quality threshold on {metric} has a limit that is not a finite number.");
            }
        }
    }
}
