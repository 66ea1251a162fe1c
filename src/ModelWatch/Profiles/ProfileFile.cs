using System.Text.Json;
using ModelWatch.Drift;
using ModelWatch.Statistics;

namespace ModelWatch.Profiles;

/// <summary>
/// Reads and writes profile files (<c>.mwp</c>): UTF-8 JSON with a format name and version
/// (docs/profiles.md). Every earlier format version stays readable; a file from a newer ModelWatch,
/// a damaged file or a hostile one (deep nesting, oversized) is refused with a
/// <see cref="ProfileFormatException"/> naming the file.
/// </summary>
public static class ProfileFile
{
    /// <summary>The format name every profile file carries.</summary>
    public const string FormatName = "modelwatch-profile";

    /// <summary>The format version this ModelWatch writes (and the newest it reads).</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The largest file read (256 MB): a profile is kilobytes per column, so anything near this is not one.</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>The usual file extension.</summary>
    public const string Extension = ".mwp";

    /// <summary>Writes a profile to a stream.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="stream">The stream (left open).</param>
    public static void Write(Profile profile, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, ToDocument(profile), ProfileJsonContext.Default.ProfileDocument);
    }

    /// <summary>
    /// Saves a profile atomically: written to a temporary file beside the target, flushed to disk,
    /// then renamed over it, so readers see the old file or the new one, never a partial one.
    /// </summary>
    /// <param name="profile">The profile.</param>
    /// <param name="path">The target file.</param>
    public static void Save(Profile profile, string path)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.Write(path, stream => Write(profile, stream));
    }

    /// <summary>Reads a profile from a stream.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="source">How to name the source in errors (e.g. the file's path).</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ProfileFormatException">The content is not a readable profile.</exception>
    public static Profile Read(Stream stream, string source = "profile")
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length - stream.Position > MaxFileBytes)
        {
            throw new ProfileFormatException(source, $"is {stream.Length:N0} bytes, more than a profile can be ({MaxFileBytes:N0}).", null);
        }

        ProfileDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(new BoundedStream(stream, MaxFileBytes), ProfileJsonContext.Default.ProfileDocument);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException or IOException or OverflowException)
        {
            throw new ProfileFormatException(source, $"is not a readable ModelWatch profile ({ex.Message})", ex);
        }

        return FromDocument(document, source);
    }

    /// <summary>Loads a profile file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ProfileFormatException">The file is not a readable profile.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Profile Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream, path);
    }

    private static ProfileDocument ToDocument(Profile profile) => new()
    {
        Segments = profile.Segments.Count == 0 ? null : profile.Segments.ToDictionary(s => s.Key, s => ToDocument(s.Value), StringComparer.Ordinal),
        Format = FormatName,
        FormatVersion = CurrentFormatVersion,
        Kind = profile.Kind.ToString(),
        ModelName = profile.ModelName,
        ModelVersion = profile.ModelVersion,
        WindowStart = profile.WindowStart,
        WindowEnd = profile.WindowEnd,
        CreatedAt = profile.CreatedAt,
        Rows = profile.Rows,
        Features = [.. profile.Features.Select(f => new FeatureDocument
        {
            Name = f.Name,
            Kind = f.Kind.ToString(),
            IsPrediction = f.IsPrediction,
            Moments = f.Moments?.ToSnapshot(),
            Sketch = f.Sketch?.ToSnapshot(),
            Categories = f.Categories?.ToSnapshot(),
        })],
    };

    private static Profile FromDocument(ProfileDocument? d, string source)
    {
        if (d is null || d.Format != FormatName)
        {
            throw new ProfileFormatException(source, $"is not a ModelWatch profile (no \"format\": \"{FormatName}\").", null);
        }

        if (d.FormatVersion > CurrentFormatVersion)
        {
            throw new ProfileFormatException(source, $"has profile format version {d.FormatVersion}, written by a newer ModelWatch; this version reads format versions 1 to {CurrentFormatVersion}.", null)
            {
                FileFormatVersion = d.FormatVersion,
            };
        }

        if (d.FormatVersion < 1)
        {
            throw new ProfileFormatException(source, $"has an invalid profile format version ({d.FormatVersion}).", null);
        }

        if (!Enum.TryParse<ProfileKind>(d.Kind, ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
        {
            throw new ProfileFormatException(source, $"has an unknown profile kind '{d.Kind}'.", null);
        }

        if (d.Features is not { Count: > 0 } || d.Rows < 0)
        {
            throw new ProfileFormatException(source, "has no columns (or a negative row count).", null);
        }

        try
        {
            var features = d.Features.Select((f, i) => Feature(f, i)).ToList();
            var profile = new Profile(kind, features)
            {
                ModelName = d.ModelName,
                ModelVersion = d.ModelVersion,
                WindowStart = d.WindowStart,
                WindowEnd = d.WindowEnd,
                CreatedAt = d.CreatedAt,
                Rows = d.Rows,
            };
            foreach (var (name, segment) in d.Segments ?? [])
            {
                profile.SetSegment(name, FromDocument(segment, $"{source} (segment '{name}')"));
            }

            return profile;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OverflowException or IndexOutOfRangeException)
        {
            throw new ProfileFormatException(source, $"has an invalid column: {ex.Message}", ex);
        }
    }

    private static FeatureProfile Feature(FeatureDocument? f, int index)
    {
        if (f?.Name is not { Length: > 0 } name)
        {
            throw new ArgumentException($"column {index} has no name.");
        }

        return f.Kind switch
        {
            nameof(FeatureKind.Numeric) when f.Moments is not null && f.Sketch is not null =>
                FeatureProfile.FromParts(name, FeatureKind.Numeric, f.IsPrediction, Moments.FromSnapshot(f.Moments), QuantileSketch.FromSnapshot(f.Sketch), null),
            nameof(FeatureKind.Categorical) when f.Categories is not null =>
                FeatureProfile.FromParts(name, FeatureKind.Categorical, f.IsPrediction, null, null, CategoryCounts.FromSnapshot(f.Categories)),
            _ => throw new ArgumentException($"column '{name}' has kind '{f.Kind}' without the statistics that kind needs."),
        };
    }
}
