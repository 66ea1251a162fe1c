using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>
/// The names that enum-typed options accept, for validation messages and for the short detector
/// names configuration keeps accepting.
/// </summary>
internal static class EnumOptions
{
    /// <summary>
    /// The documented short names of <see cref="FeatureDriftOptions.Detector"/> in configuration, in
    /// any case: <c>Ks</c> and <c>Psi</c>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, DriftDetectorKind> ShortDetectorNames =
        new Dictionary<string, DriftDetectorKind>(StringComparer.OrdinalIgnoreCase)
        {
            ["Ks"] = DriftDetectorKind.KolmogorovSmirnov,
            ["Psi"] = DriftDetectorKind.PopulationStabilityIndex,
        };

    /// <summary>The accepted names of <typeparamref name="T"/>, as "A, B or C".</summary>
    public static string Expected<T>()
        where T : struct, Enum => Join([.. Enum.GetNames<T>()]);

    /// <summary>The accepted detector names, short names included.</summary>
    public static string ExpectedDetectors() =>
        Join([.. Enum.GetValues<DriftDetectorKind>().Select(d =>
            ShortDetectorNames.FirstOrDefault(s => s.Value == d).Key is { } shortName ? $"{d} ({shortName})" : d.ToString())]);

    /// <summary>The accepted names of the enum with this full name (as the binder writes it), or null for another type.</summary>
    public static string? ExpectedFor(string typeName) => typeName switch
    {
        _ when typeName == typeof(PredictionKind).FullName => Expected<PredictionKind>(),
        _ when typeName == typeof(FeatureKind).FullName => Expected<FeatureKind>(),
        _ when typeName == typeof(WindowKind).FullName => Expected<WindowKind>(),
        _ when typeName == typeof(WindowAlignment).FullName => Expected<WindowAlignment>(),
        _ when typeName == typeof(ReferenceSource).FullName => Expected<ReferenceSource>(),
        _ when typeName == typeof(MultipleTestingCorrection).FullName => Expected<MultipleTestingCorrection>(),
        _ when typeName == typeof(DriftDetectorKind).FullName => ExpectedDetectors(),
        _ when typeName == typeof(ModelTask).FullName => Expected<ModelTask>(),
        _ when typeName == typeof(ConceptDriftDetector).FullName => Expected<ConceptDriftDetector>(),
        _ when typeName == typeof(QualityMetric).FullName => Expected<QualityMetric>(),
        _ => null,
    };

    private static string Join(string[] names) =>
        names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";
}
