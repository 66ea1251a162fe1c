using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>The rules of <see cref="SegmentOptions"/> that attributes cannot express (part of <see cref="ModelOptionsValidator"/>).</summary>
internal static class SegmentOptionsRules
{
    public static void Check(ModelOptions options, List<string> errors)
    {
        var o = options.Segments;
        if (o.AlertShare is double share && !(share > 0 && share <= 1))
        {
            errors.Add($"Segments:AlertShare is {share}; it must lie in (0, 1] (the share of judged segments that drifted), or be unset.");
        }

        if (!o.IsSegmented)
        {
            if (o.Track.Count > 0)
            {
                errors.Add("Segments:Track names segments but the model is not segmented (set Segments:By or Segments:ByKey).");
            }

            if (o.AlertShare is not null)
            {
                errors.Add("Segments:AlertShare is set but the model is not segmented (set Segments:By or Segments:ByKey).");
            }

            return;
        }

        if (o.ByKey && o.By.Count > 0)
        {
            errors.Add($"Segments are declared both by key and by features ({string.Join(", ", o.By)}); a model has one segmentation: choose one (for several views, segment by their combination).");
        }

        var categorical = options.Features.Where(f => f.Kind == FeatureKind.Categorical).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in o.By)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add("A segment feature name is empty.");
            }
            else if (!seen.Add(name))
            {
                errors.Add($"Segment feature '{name}' is listed twice.");
            }
            else if (!categorical.Contains(name))
            {
                errors.Add($"Segment feature '{name}' is not a declared categorical feature (segments are named by categorical values; bin a numeric one into a categorical feature first).");
            }
            else if (options.HashedCategories.Contains(name))
            {
                errors.Add($"Segment feature '{name}' is hashed; segment names are reported and exported as they are, so a hashed feature cannot name segments.");
            }
        }

        if (!Enum.IsDefined(o.Correction))
        {
            errors.Add($"Unknown segment correction '{o.Correction}' (expected {EnumOptions.Expected<MultipleTestingCorrection>()}).");
        }

        if (o.Track.Count > o.MaxSegments)
        {
            errors.Add($"Segments:Track names {o.Track.Count} segments but Segments:MaxSegments is {o.MaxSegments}.");
        }

        int parts = o.ByKey ? 1 : Math.Max(1, o.By.Count);
        foreach (string name in o.Track)
        {
            if (string.IsNullOrEmpty(name) || name == SegmentNames.Other || (parts > 1 && name.Split(SegmentNames.Separator).Length != parts))
            {
                errors.Add($"Segments:Track entry '{name}' is not a segment name (one value per segment feature, joined by '{SegmentNames.Separator}').");
            }
        }
    }
}
