using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using ModelWatch.Monitoring;

namespace ModelWatch.DependencyInjection;

/// <summary>
/// A model's configuration section as the binder reads it: under <c>Drift:Features:&lt;name&gt;:Detector</c>
/// the documented short names <c>Ks</c> and <c>Psi</c> (<see cref="EnumOptions.ShortDetectorNames"/>)
/// read as the <see cref="Drift.DriftDetectorKind"/> names they stand for; everything else, reload
/// tokens included, passes through unchanged.
/// </summary>
internal sealed class ModelConfigurationView : IConfigurationSection
{
    private readonly IConfiguration _inner;

    /// <summary>This view's path below the model's section ("" for the section itself).</summary>
    private readonly string _relativePath;

    public ModelConfigurationView(IConfiguration modelSection)
        : this(modelSection, string.Empty)
    {
    }

    private ModelConfigurationView(IConfiguration inner, string relativePath)
    {
        _inner = inner;
        _relativePath = relativePath;
    }

    public string Key => (_inner as IConfigurationSection)?.Key ?? string.Empty;

    public string Path => (_inner as IConfigurationSection)?.Path ?? string.Empty;

    public string? Value
    {
        get => Translate(_relativePath, (_inner as IConfigurationSection)?.Value);
        set => ((IConfigurationSection)_inner).Value = value;
    }

    public string? this[string key]
    {
        get => Translate(Combine(key), _inner[key]);
        set => _inner[key] = value;
    }

    public IConfigurationSection GetSection(string key) => new ModelConfigurationView(_inner.GetSection(key), Combine(key));

    public IEnumerable<IConfigurationSection> GetChildren() =>
        _inner.GetChildren().Select(child => new ModelConfigurationView(child, Combine(child.Key)));

    public IChangeToken GetReloadToken() => _inner.GetReloadToken();

    private static string? Translate(string relativePath, string? value) =>
        value is not null && IsDetector(relativePath) && EnumOptions.ShortDetectorNames.TryGetValue(value.Trim(), out var detector)
            ? detector.ToString()
            : value;

    /// <summary>Whether a path is <c>Drift:Features:&lt;name&gt;:Detector</c>.</summary>
    private static bool IsDetector(string relativePath)
    {
        string[] parts = relativePath.Split(ConfigurationPath.KeyDelimiter);
        return parts.Length == 4
            && string.Equals(parts[0], "Drift", StringComparison.OrdinalIgnoreCase)
            && string.Equals(parts[1], "Features", StringComparison.OrdinalIgnoreCase)
            && string.Equals(parts[3], "Detector", StringComparison.OrdinalIgnoreCase);
    }

    private string Combine(string key) => _relativePath.Length == 0 ? key : ConfigurationPath.Combine(_relativePath, key);
}
