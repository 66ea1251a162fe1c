using System.Text.Json.Serialization;
using ModelWatch.Statistics;

namespace ModelWatch.Profiles;

/// <summary>
/// The JSON shape of a profile file (<c>.mwp</c>), format version 1 (docs/profiles.md). Every field
/// is optional here so that a damaged or foreign file is reported by <see cref="ProfileFile"/> with
/// a clear message instead of a serializer error.
/// </summary>
internal sealed class ProfileDocument
{
    public string? Format { get; set; }

    public int FormatVersion { get; set; }

    public string? Kind { get; set; }

    public string? ModelName { get; set; }

    public string? ModelVersion { get; set; }

    public DateTimeOffset? WindowStart { get; set; }

    public DateTimeOffset? WindowEnd { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public long Rows { get; set; }

    public List<FeatureDocument>? Features { get; set; }

    /// <summary>The profile of each segment's rows, by segment name (segmented profiles only).</summary>
    public Dictionary<string, ProfileDocument>? Segments { get; set; }
}

/// <summary>One column of a <see cref="ProfileDocument"/>.</summary>
internal sealed class FeatureDocument
{
    public string? Name { get; set; }

    public string? Kind { get; set; }

    public bool IsPrediction { get; set; }

    public MomentsSnapshot? Moments { get; set; }

    public QuantileSketchSnapshot? Sketch { get; set; }

    public CategoryCountsSnapshot? Categories { get; set; }
}

/// <summary>Source-generated metadata for profile files (no reflection; AOT- and trim-safe).</summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 16,
    WriteIndented = false)]
[JsonSerializable(typeof(ProfileDocument))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext
{
}
