using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>
/// The immutable settings of one monitored model, copied once from <see cref="ModelOptions"/> and
/// the code-only parts of its registration (reference factory, input mapper), so the engine never
/// reads mutable options again.
/// </summary>
internal sealed class ModelDefinition
{
    private ModelDefinition(string name, ModelOptions o, ModelSchema schema)
    {
        Name = name;
        Version = o.Version;
        Schema = schema;
        WindowIsCount = string.Equals(o.Window.Kind, "Count", StringComparison.OrdinalIgnoreCase);
        WindowLength = o.Window.Length;
        SubWindowLength = o.Window.SubWindowLength ?? o.Window.Length;
        WindowSize = o.Window.Size;
        SubWindowSize = o.Window.SubWindowSize ?? o.Window.Size;
        History = o.Window.History;
        KeepProfiles = o.Window.KeepProfiles;
        HashedColumns = new HashSet<string>(o.HashedCategories, StringComparer.Ordinal);
        HashedCategorical = [.. schema.CategoricalFeatures.Select(HashedColumns.Contains)];
        CategoryHashKey = HashedColumns.Count == 0 ? null : System.Text.Encoding.UTF8.GetBytes(o.CategoryHashKey!);
        ReferenceSource = Parse<ReferenceSource>(o.Reference.Source) ?? Monitoring.ReferenceSource.Supplied;
        ReferenceSize = o.Reference.Size;
        ReferencePeriod = o.Reference.Period;
        Bins = o.Reference.Bins;
        PsiBins = o.Reference.PsiBins;
        LargeSampleThreshold = o.Drift.LargeSampleThreshold;
        PValueThreshold = o.Drift.PValueThreshold;
        PsiThreshold = o.Drift.PsiThreshold;
        PsiMajorThreshold = o.Drift.PsiMajorThreshold;
        JensenShannonThreshold = o.Drift.JensenShannonThreshold;
        WassersteinThreshold = o.Drift.WassersteinThreshold;
        Correction = Parse<MultipleTestingCorrection>(o.Drift.Correction) ?? MultipleTestingCorrection.None;
        DatasetDriftShare = o.Drift.DatasetDriftShare;
        FeatureOverrides = o.Drift.Features.ToDictionary(
            kv => kv.Key,
            kv => (Detector: kv.Value.Detector is null ? (DriftDetectorKind?)null : ParseDetector(kv.Value.Detector), kv.Value.Threshold),
            StringComparer.Ordinal);
        RaiseAfter = o.Alerts.RaiseAfter;
        ClearAfter = o.Alerts.ClearAfter;
        Cooldown = o.Alerts.Cooldown;
        TriggerRetraining = o.Alerts.TriggerRetraining;
        SamplingRate = o.SamplingRate;
        Strict = o.Strict;
        CategoryCapacity = o.CategoryCapacity;
        Quality = new QualityDefinition(o.Quality);
    }

    public string Name { get; }
    public string Version { get; }
    public ModelSchema Schema { get; }
    public bool WindowIsCount { get; }
    public TimeSpan WindowLength { get; }
    public TimeSpan SubWindowLength { get; }
    public long WindowSize { get; }
    public long SubWindowSize { get; }

    /// <summary>Sub-windows per window.</summary>
    public int SubWindowsPerWindow => WindowIsCount
        ? (int)(WindowSize / SubWindowSize)
        : (int)(WindowLength.Ticks / SubWindowLength.Ticks);

    public int History { get; }
    public bool KeepProfiles { get; }

    /// <summary>The categorical features counted as keyed hashes (<see cref="CategoryHashing"/>).</summary>
    public IReadOnlySet<string> HashedColumns { get; }

    /// <summary>Per categorical feature, whether it is hashed.</summary>
    public bool[] HashedCategorical { get; }

    /// <summary>The hashing key, UTF-8; null when nothing is hashed.</summary>
    public byte[]? CategoryHashKey { get; }
    public ReferenceSource ReferenceSource { get; }
    public long ReferenceSize { get; }
    public TimeSpan ReferencePeriod { get; }
    public int Bins { get; }
    public int PsiBins { get; }
    public long LargeSampleThreshold { get; }
    public double PValueThreshold { get; }
    public double PsiThreshold { get; }
    public double PsiMajorThreshold { get; }
    public double JensenShannonThreshold { get; }
    public double WassersteinThreshold { get; }
    public MultipleTestingCorrection Correction { get; }
    public double DatasetDriftShare { get; }
    public IReadOnlyDictionary<string, (DriftDetectorKind? Detector, double? Threshold)> FeatureOverrides { get; }
    public int RaiseAfter { get; }
    public int ClearAfter { get; }
    public TimeSpan Cooldown { get; }
    public bool TriggerRetraining { get; }
    public double SamplingRate { get; }
    public bool Strict { get; }
    public int CategoryCapacity { get; }

    /// <summary>How outcomes are joined and scored.</summary>
    public QualityDefinition Quality { get; }

    /// <summary>The reference given in code, if any.</summary>
    public ReferenceProfile? Reference { get; init; }

    /// <summary>A factory the engine calls once to get the reference, if any.</summary>
    public Func<IServiceProvider, ReferenceProfile>? ReferenceFactory { get; init; }

    /// <summary>Typed-input mappers by input type.</summary>
    public IReadOnlyDictionary<Type, Delegate> Mappers { get; init; } = new Dictionary<Type, Delegate>();

    /// <summary>Builds the definition; the options must have passed <see cref="Problems"/>.</summary>
    public static ModelDefinition Create(string name, ModelOptions options)
    {
        var problems = Problems(name, options).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Model '{name}': {string.Join(" ", problems)}", nameof(options));
        }

        var numeric = options.Features.Where(f => IsKind(f.Kind, "Numeric")).Select(f => f.Name);
        var categorical = options.Features.Where(f => IsKind(f.Kind, "Categorical")).Select(f => f.Name);
        var prediction = Parse<PredictionKind>(options.Prediction)!.Value;
        return new ModelDefinition(name, options, new ModelSchema(numeric, categorical, prediction))
        {
            Reference = options.SuppliedReference,
            ReferenceFactory = options.ReferenceFactory ?? FileReference(options.Reference),
            Mappers = new Dictionary<Type, Delegate>(options.Mappers),
        };
    }

    /// <summary>Every problem of a model's options that the attributes cannot express.</summary>
    public static IEnumerable<string> Problems(string name, ModelOptions o)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            yield return "The model name is empty.";
        }

        if (string.IsNullOrWhiteSpace(o.Version))
        {
            yield return "The version is empty.";
        }

        if (o.Alerts.Cooldown < TimeSpan.Zero)
        {
            yield return "The alert cool-down must not be negative.";
        }

        if (o.Reference.Period <= TimeSpan.Zero)
        {
            yield return "The reference period must be positive.";
        }

        var prediction = Parse<PredictionKind>(o.Prediction);
        if (prediction is null)
        {
            yield return $"Unknown prediction kind '{o.Prediction}' (expected Numeric, Categorical or None).";
        }

        if (o.Features.Count == 0)
        {
            yield return "The schema is empty: declare at least one feature.";
        }

        foreach (var f in o.Features)
        {
            if (!IsKind(f.Kind, "Numeric") && !IsKind(f.Kind, "Categorical"))
            {
                yield return $"Feature '{f.Name}' has unknown kind '{f.Kind}' (expected Numeric or Categorical).";
            }
        }

        string? schemaProblem = o.Features.Count == 0 ? null : ModelSchema.Validate(
            [.. o.Features.Where(f => IsKind(f.Kind, "Numeric")).Select(f => f.Name)],
            [.. o.Features.Where(f => IsKind(f.Kind, "Categorical")).Select(f => f.Name)],
            prediction ?? PredictionKind.None);
        if (schemaProblem is not null)
        {
            yield return schemaProblem;
        }

        foreach (string hashed in o.HashedCategories)
        {
            if (!o.Features.Any(f => f.Name == hashed && IsKind(f.Kind, "Categorical")))
            {
                yield return $"Hashed category '{hashed}' is not a categorical feature of the model.";
            }
        }

        if (o.HashedCategories.Count > 0 && (o.CategoryHashKey?.Length ?? 0) < CategoryHashing.MinKeyLength)
        {
            yield return $"Hashing categories needs CategoryHashKey, a secret of at least {CategoryHashing.MinKeyLength} characters.";
        }

        bool count = IsKind(o.Window.Kind, "Count");
        if (!count && !IsKind(o.Window.Kind, "Time"))
        {
            yield return $"Unknown window kind '{o.Window.Kind}' (expected Time or Count).";
        }
        else if (count)
        {
            long sub = o.Window.SubWindowSize ?? o.Window.Size;
            if (sub < 1)
            {
                yield return "The sub-window size must be positive.";
            }
            else if (o.Window.Size < sub)
            {
                yield return $"The window ({o.Window.Size} predictions) is shorter than its sub-window ({sub}).";
            }
            else if (o.Window.Size % sub != 0 || o.Window.Size / sub > 1_000)
            {
                yield return $"The window ({o.Window.Size} predictions) must hold a whole number of sub-windows ({sub}), at most 1,000.";
            }
        }
        else
        {
            var sub = o.Window.SubWindowLength ?? o.Window.Length;
            if (o.Window.Length <= TimeSpan.Zero)
            {
                yield return "The window length must be positive.";
            }
            else if (sub <= TimeSpan.Zero)
            {
                yield return "The sub-window length must be positive.";
            }
            else if (o.Window.Length < sub)
            {
                yield return $"The window ({o.Window.Length}) is shorter than its sub-window ({sub}).";
            }
            else if (o.Window.Length.Ticks % sub.Ticks != 0 || o.Window.Length.Ticks / sub.Ticks > 1_000)
            {
                yield return $"The window ({o.Window.Length}) must hold a whole number of sub-windows ({sub}), at most 1,000.";
            }
        }

        var source = Parse<ReferenceSource>(o.Reference.Source);
        if (source is null)
        {
            yield return $"Unknown reference source '{o.Reference.Source}' (expected Supplied, FirstPredictions or FirstPeriod).";
        }
        else if (source == Monitoring.ReferenceSource.Supplied && o.SuppliedReference is null && o.ReferenceFactory is null && string.IsNullOrWhiteSpace(o.Reference.Path))
        {
            yield return "No reference is supplied: call .Reference(...) on the model builder, set Reference:Path to a profile file, or set Reference:Source to FirstPredictions or FirstPeriod.";
        }

        if (o.Reference.PsiBins > 0 && o.Reference.Bins % o.Reference.PsiBins != 0)
        {
            yield return $"Reference bins ({o.Reference.Bins}) must be a multiple of PSI bins ({o.Reference.PsiBins}).";
        }

        if (!(o.Drift.PsiThreshold < o.Drift.PsiMajorThreshold))
        {
            yield return $"Thresholds out of order: the PSI threshold ({o.Drift.PsiThreshold}) must be below the major PSI threshold ({o.Drift.PsiMajorThreshold}).";
        }

        if (Parse<MultipleTestingCorrection>(o.Drift.Correction) is null)
        {
            yield return $"Unknown correction '{o.Drift.Correction}' (expected None, BenjaminiHochberg or Bonferroni).";
        }

        foreach (string problem in QualityDefinition.Problems(o.Quality, prediction ?? PredictionKind.None))
        {
            yield return problem;
        }

        var featureNames = new HashSet<string>(o.Features.Select(f => f.Name), StringComparer.Ordinal) { ModelSchema.PredictionColumn };
        foreach (var (feature, over) in o.Drift.Features)
        {
            if (!featureNames.Contains(feature))
            {
                yield return $"Drift settings name an unknown feature '{feature}'.";
            }

            if (over.Detector is not null && ParseDetector(over.Detector) is null)
            {
                yield return $"Feature '{feature}' names an unknown detector '{over.Detector}' (expected Ks, Psi, ChiSquared, JensenShannon or Wasserstein).";
            }

            if (over.Threshold is double t && !(double.IsFinite(t) && t > 0))
            {
                yield return $"Feature '{feature}' has a threshold that is not a positive number ({t}).";
            }
        }
    }

    /// <summary>A factory loading the reference from <see cref="ReferenceOptions.Path"/>, if set.</summary>
    private static Func<IServiceProvider, ReferenceProfile>? FileReference(ReferenceOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Path))
        {
            return null;
        }

        string path = o.Path;
        int bins = o.Bins, psiBins = o.PsiBins;
        return services => services.GetService(typeof(IReferenceFileReader)) is IReferenceFileReader reader
            ? reader.Read(path, bins, psiBins)
            : throw new InvalidOperationException($"No reader for reference files is registered (AddModelWatch registers one); '{path}' was not read.");
    }

    private static bool IsKind(string? value, string kind) => string.Equals(value, kind, StringComparison.OrdinalIgnoreCase);

    private static T? Parse<T>(string? value)
        where T : struct, Enum =>
        value is not null && !int.TryParse(value, out _) && Enum.TryParse<T>(value, ignoreCase: true, out var result) && Enum.IsDefined(result)
            ? result
            : null;

    private static DriftDetectorKind? ParseDetector(string value) => value.ToUpperInvariant() switch
    {
        "KS" or "KOLMOGOROVSMIRNOV" => DriftDetectorKind.KolmogorovSmirnov,
        "PSI" or "POPULATIONSTABILITYINDEX" => DriftDetectorKind.PopulationStabilityIndex,
        "CHISQUARED" or "CHI2" => DriftDetectorKind.ChiSquared,
        "JENSENSHANNON" or "JS" => DriftDetectorKind.JensenShannon,
        "WASSERSTEIN" => DriftDetectorKind.Wasserstein,
        _ => null,
    };
}
