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
        WindowIsCount = o.Window.Kind == WindowKind.Count;
        WindowLength = o.Window.Duration;
        SubWindowLength = o.Window.SubWindowDuration ?? o.Window.Duration;
        Alignment = o.Window.Alignment;
        WindowSize = o.Window.SizeInPredictions;
        SubWindowSize = o.Window.SubWindowSizeInPredictions ?? o.Window.SizeInPredictions;
        History = o.Window.HistoryWindows;
        MaxEventTimeLead = o.Window.MaxEventTimeLead;
        KeepProfiles = o.Window.KeepProfiles;
        HashedColumns = new HashSet<string>(o.HashedCategories, StringComparer.Ordinal);
        HashedCategorical = [.. schema.CategoricalFeatures.Select(HashedColumns.Contains)];
        CategoryHashKey = HashedColumns.Count == 0 ? null : System.Text.Encoding.UTF8.GetBytes(o.CategoryHashKey!);
        ReferenceSource = o.Reference.Source;
        ReferenceSize = o.Reference.SizeInPredictions;
        ReferencePeriod = o.Reference.Period;
        Bins = o.Reference.Bins;
        PsiBins = o.Reference.PsiBins;
        LargeSampleThreshold = o.Drift.LargeSampleThreshold;
        PValueThreshold = o.Drift.PValueThreshold;
        PsiThreshold = o.Drift.PsiThreshold;
        PsiMajorThreshold = o.Drift.PsiMajorThreshold;
        JensenShannonThreshold = o.Drift.JensenShannonThreshold;
        WassersteinThreshold = o.Drift.WassersteinThreshold;
        Correction = o.Drift.Correction;
        DatasetDriftShare = o.Drift.DatasetDriftShare;
        ExactSamples = o.Drift.ExactSamplesUpTo;
        Multivariate = o.Drift.Multivariate is { } multivariate ? new MultivariateDriftDefinition(multivariate) : null;
        MultivariateProduction = o.Drift.Multivariate is null ? o.Drift.MultivariateProduction : null;
        FeatureOverrides = o.Drift.Features.ToDictionary(
            kv => kv.Key,
            kv => (kv.Value.Detector, kv.Value.Threshold),
            StringComparer.Ordinal);
        RaiseAfter = o.Alerts.RaiseAfterWindows;
        ClearAfter = o.Alerts.ClearAfterWindows;
        Cooldown = o.Alerts.Cooldown;
        TriggerRetraining = o.Alerts.TriggerRetraining;
        SamplingRate = o.SamplingRate;
        Strict = o.Strict;
        CategoryCapacity = o.CategoryCapacity;
        Quality = new QualityDefinition(o.Quality);
        Segments = o.Segments.IsSegmented ? new SegmentDefinition(o.Segments, schema) : null;
    }

    public string Name { get; }
    public string Version { get; }
    public ModelSchema Schema { get; }
    public bool WindowIsCount { get; }
    public TimeSpan WindowLength { get; }
    public TimeSpan SubWindowLength { get; }

    /// <summary>Where time windows start; with <see cref="WindowAlignment.Month"/> every window is one sub-window (a month).</summary>
    public WindowAlignment Alignment { get; }
    public long WindowSize { get; }
    public long SubWindowSize { get; }

    /// <summary>Sub-windows per window.</summary>
    public int SubWindowsPerWindow => WindowIsCount
        ? (int)(WindowSize / SubWindowSize)
        : Alignment == WindowAlignment.Month ? 1 : (int)(WindowLength.Ticks / SubWindowLength.Ticks);

    public int History { get; }

    /// <summary>How far an explicit event time may be ahead of the clock before it is counted as invalid.</summary>
    public TimeSpan MaxEventTimeLead { get; }
    public bool KeepProfiles { get; }

    /// <summary>Raw values kept per numeric column per window for exact KS and Wasserstein (0: off).</summary>
    public int ExactSamples { get; }

    /// <summary>Multivariate drift by PCA reconstruction; null when the model has none.</summary>
    public MultivariateDriftDefinition? Multivariate { get; }

    /// <summary>Multivariate drift to fit on the production reference; null when there is none or a fitted detector was supplied.</summary>
    public MultivariateProductionFit? MultivariateProduction { get; }

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

    /// <summary>The model's segmentation (null: not segmented).</summary>
    public SegmentDefinition? Segments { get; }

    /// <summary>The reference given in code, if any.</summary>
    public ReferenceProfile? Reference { get; init; }

    /// <summary>A factory the engine calls once to get the reference, if any.</summary>
    public Func<IServiceProvider, ReferenceProfile>? ReferenceFactory { get; init; }

    /// <summary>Typed-input mappers by input type.</summary>
    public IReadOnlyDictionary<Type, Delegate> Mappers { get; init; } = new Dictionary<Type, Delegate>();

    /// <summary>
    /// Builds the definition from options that passed <see cref="ModelOptionsValidator"/>; it
    /// converts, it does not check again.
    /// </summary>
    public static ModelDefinition Create(string name, ModelOptions options)
    {
        var numeric = options.Features.Where(f => f.Kind == FeatureKind.Numeric).Select(f => f.Name);
        var categorical = options.Features.Where(f => f.Kind == FeatureKind.Categorical).Select(f => f.Name);
        return new ModelDefinition(name, options, new ModelSchema(numeric, categorical, options.Prediction))
        {
            Reference = options.SuppliedReference,
            ReferenceFactory = options.ReferenceFactory ?? FileReference(options.Reference),
            Mappers = new Dictionary<Type, Delegate>(options.Mappers),
        };
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
}
