namespace ModelWatch.Monitoring;

/// <summary>One tracked segment in a monitor snapshot: its name and its sub-windows.</summary>
internal sealed class SegmentSnapshot
{
    public string? Name { get; set; }

    public List<WindowSnapshot>? Windows { get; set; }

    /// <summary>The segment's own reference (null while it is being gathered, or when segments use the model's).</summary>
    public ReferenceSnapshot? Reference { get; set; }

    /// <summary>The last sub-window whose rows went into <see cref="Reference"/>.</summary>
    public long ReferenceThrough { get; set; } = long.MinValue;

    /// <summary>The rows gathered so far towards the segment's reference.</summary>
    public WindowSnapshot? Gathering { get; set; }

    /// <summary>The segment's drift alert state (null when it has none).</summary>
    public AlertSnapshot? Alert { get; set; }

    /// <summary>The mean reconstruction errors of the segment's multivariate calibration windows so far (null without a detector or before any).</summary>
    public double[]? MultivariateCalibration { get; set; }

    /// <summary>On the "(other)" segment: the names counted there per sub-window still to be weighed for admission.</summary>
    public List<SegmentCandidatesSnapshot>? Candidates { get; set; }
}

/// <summary>One sub-window's candidates for admission (the names counted in "(other)").</summary>
internal sealed class SegmentCandidatesSnapshot
{
    public long Epoch { get; set; }

    public Statistics.CategoryCountsSnapshot? Counts { get; set; }
}

/// <summary>
/// Captures and restores a segmented monitor's segments (part of <see cref="MonitorSnapshots"/>,
/// under the collect lock): the admitted names in order, so a restarted replica tracks the same
/// segments, and each segment's sub-windows, so its windows in progress continue.
/// </summary>
internal static class SegmentSnapshots
{
    public static List<SegmentSnapshot>? Capture(ModelMonitor monitor)
    {
        if (monitor.Segments is not { } segments)
        {
            return null;
        }

        var keys = segments.Keys;
        var captured = new List<SegmentSnapshot>();
        for (int slot = 0; slot < keys.Slots; slot++)
        {
            if (keys.NameOf(slot) is not { } name)
            {
                continue;
            }

            captured.Add(new SegmentSnapshot
            {
                Name = name,
                Windows = segments.Windows.Of(slot) is { } epochs ? [.. epochs.Accumulators.Where(a => !a.IsEmpty).Select(MonitorSnapshots.Capture)] : [],
                Alert = segments.Alerts.States.FirstOrDefault(s => s.Key == name).Value?.ToSnapshot(0),
                Reference = segments.Windows.References.Of(slot) is { } reference ? MonitorSnapshots.Capture(reference) : null,
                ReferenceThrough = segments.Windows.References.BuiltThrough(slot),
                Gathering = segments.Windows.References.GatheredWindow(slot) is { } gathering ? MonitorSnapshots.Capture(gathering) : null,
                MultivariateCalibration = segments.Windows.Multivariate.Of(slot) is { Errors.Count: > 0 } calibration ? [.. calibration.Errors] : null,
                Candidates = slot == keys.OtherSlot ? [.. segments.Windows.Candidates.Epochs.Select(e => new SegmentCandidatesSnapshot { Epoch = e.Key, Counts = e.Value.ToSnapshot() })] : null,
            });
        }

        return captured;
    }

    /// <summary>
    /// Admits the saved segments (those that no longer find a place count in "(other)") and adds
    /// their sub-windows; called once the layout is the snapshot's. A snapshot of an unsegmented
    /// model restores nothing here, and a segmented snapshot restored into an unsegmented model
    /// keeps only its whole-model windows (which already hold every segment's rows).
    /// </summary>
    /// <param name="monitor">The monitor restored into.</param>
    /// <param name="saved">The saved segments.</param>
    /// <param name="reconstruction">Whether the snapshot's reconstruction sums were made with the monitor's multivariate detector: then the
    /// segments' windows keep theirs and their calibrations continue; otherwise both restart.</param>
    public static void Restore(ModelMonitor monitor, List<SegmentSnapshot>? saved, bool reconstruction)
    {
        if (saved is null || monitor.Segments is not { } segments || !monitor.Layout.HasReference)
        {
            return;
        }

        foreach (var segment in saved)
        {
            if (string.IsNullOrEmpty(segment.Name))
            {
                throw new InvalidOperationException("A saved segment has no name.");
            }

            int slot = segments.Keys.Admit(segment.Name);
            if (segment.Reference is { } reference)
            {
                segments.Windows.References.Restore(slot, MonitorSnapshots.Rebuild(reference, monitor.Schema), segment.ReferenceThrough);
            }
            else if (segment.Gathering is { } gathering)
            {
                segments.Windows.References.Gather(slot, MonitorSnapshots.Rebuild(gathering, monitor.Layout));
            }

            // A segment the model's reference profile describes takes that reference, as before the restart.
            segments.Windows.References.SeedFromProfile(slot, segments.Keys.NameOf(slot), monitor.Layout.Reference);

            foreach (var candidates in segment.Candidates ?? [])
            {
                if (candidates.Counts is { } counts)
                {
                    segments.Windows.Candidates.Add(candidates.Epoch, Statistics.CategoryCounts.FromSnapshot(counts));
                }
            }

            if (reconstruction && segment.MultivariateCalibration is { } errors)
            {
                segments.Windows.Multivariate.For(slot).Restore(errors);
            }

            if (segment.Alert is { } alert)
            {
                segments.Alerts.Of(segment.Name).Restore(alert);
            }

            foreach (var window in segment.Windows ?? [])
            {
                var restored = MonitorSnapshots.Rebuild(window, monitor.Layout, reconstruction);
                if (!restored.IsEmpty)
                {
                    segments.Windows.Add(slot, restored);
                }
            }
        }

        segments.Alerts.Refresh();
    }
}
