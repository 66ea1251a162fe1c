using ModelWatch.Drift;
using ModelWatch.Statistics;

namespace ModelWatch.Monitoring;

/// <summary>
/// Captures a monitor's state into a <see cref="MonitorSnapshot"/> and restores it. Both run under
/// the monitor's collect lock, on the evaluator's side of the hand-over, so logging never waits.
/// </summary>
internal static class MonitorSnapshots
{
    /// <summary>Collects the monitor's shards and captures its state, under its collect lock (logging never waits).</summary>
    public static MonitorSnapshot Take(ModelMonitor monitor, DateTimeOffset now)
    {
        lock (monitor.CollectLock)
        {
            monitor.CollectLocked();
            return Capture(monitor, now);
        }
    }

    /// <summary>Captures everything collected so far (the caller holds the collect lock and has collected).</summary>
    public static MonitorSnapshot Capture(ModelMonitor monitor, DateTimeOffset now)
    {
        var state = monitor.State;
        var totals = monitor.Totals;
        return new MonitorSnapshot
        {
            Format = MonitorSnapshot.FormatName,
            FormatVersion = MonitorSnapshot.CurrentFormatVersion,
            ModelName = monitor.ModelName,
            ModelVersion = monitor.ModelVersion,
            SavedAt = now,
            WindowOrigin = monitor.Clock?.FirstEventOrigin,
            Reference = monitor.Layout.Reference is { } reference ? Capture(reference) : null,
            Totals = new TotalsSnapshot
            {
                Events = totals.Events,
                SchemaViolations = totals.SchemaViolations,
                Errors = totals.Errors,
                Unseen = totals.Unseen,
                InvalidTimes = totals.InvalidTimes,
                NumericMissing = [.. totals.NumericMissing],
                NumericNonFinite = [.. totals.NumericNonFinite],
                NumericOutOfRange = [.. totals.NumericOutOfRange],
                CategoricalMissing = [.. totals.CategoricalMissing],
            },
            Windows = [.. monitor.Collected.Epochs.Accumulators.Select(Capture)],
            PreReference = monitor.Collected.PreReference is { } gathered ? Capture(gathered) : null,
            Alerts = state.Alert.ToSnapshot(state.ReportedThrough),
            Quality = CaptureQuality(monitor, now),
            MultivariateFingerprint = monitor.Layout.Multivariate?.Scorer.Fingerprint,
            MultivariateReference = monitor.Layout.Multivariate?.FittedFrom?.ToSnapshot(),
            MultivariateCalibration = state.MultivariateCalibration is { } calibration ? [.. calibration.Errors] : null,
            Segments = SegmentSnapshots.Capture(monitor),
            SegmentShareAlert = monitor.Segments?.Alerts.Share.ToSnapshot(0),
        };
    }

    private static QualitySnapshot? CaptureQuality(ModelMonitor monitor, DateTimeOffset now)
    {
        if (monitor.Quality is not { } tracker || monitor.Outcomes is not { } outcomes)
        {
            return null;
        }

        outcomes.Harvest(tracker, now.UtcTicks);
        var snapshot = tracker.ToSnapshot();
        (snapshot.Pending, snapshot.Counters) = outcomes.Export();
        return snapshot;
    }

    /// <summary>
    /// Applies a snapshot to a freshly registered monitor (the caller holds the collect lock).
    /// Totals and alert state always continue; windows continue when the snapshot's reference is
    /// the monitor's (or the monitor has none yet and takes the snapshot's production reference).
    /// </summary>
    /// <returns>Null when everything was restored, otherwise what was left out and why.</returns>
    /// <exception cref="InvalidDataException">The snapshot does not fit the model's schema; the monitor is left as it was.</exception>
    public static string? Restore(ModelMonitor monitor, MonitorSnapshot snapshot, string source)
    {
        // A trial run on an empty monitor of the same model and reference first: a snapshot that does
        // not fit is refused before this monitor changes, instead of leaving its totals applied without
        // its windows (and another snapshot could then be restored over it). The trial's clock is never read.
        var trial = new ModelMonitor(monitor.Definition, TimeProvider.System, shardCount: 1, reference: null);
        if (monitor.Layout.Reference is { } current)
        {
            trial.InstallReference(current);
        }

        Apply(trial, snapshot, source);
        return Apply(monitor, snapshot, source);
    }

    private static string? Apply(ModelMonitor monitor, MonitorSnapshot snapshot, string source)
    {
        var schema = monitor.Schema;
        try
        {
            var restoredReference = snapshot.Reference is { } r ? Rebuild(r, schema) : null;
            var current = monitor.Layout.Reference;
            string? note = null;
            bool windows = true;
            if (current is null && restoredReference is not null)
            {
                monitor.InstallReference(restoredReference, RestoreMultivariate(monitor, snapshot));
            }
            else if (current is not null && (restoredReference is null || !SameBins(current, restoredReference)))
            {
                windows = false;
                note = "the model's reference changed since the snapshot, so its windows in progress were not restored (totals were)";
            }

            if (windows && monitor.Layout.KeepProfiles && (snapshot.Windows ?? []).Append(snapshot.PreReference).Any(w => w is not null && (w.Moments is null || w.Sketches is null)))
            {
                // Windows saved without profiles cannot produce one; counting them afresh keeps every profile whole.
                windows = false;
                note = "window profiles were switched on since the snapshot, so its windows in progress were not restored (totals were)";
            }

            if (snapshot.Totals is { } totals)
            {
                monitor.Collected.RestoredTotals.Add(Rebuild(totals, schema));
            }

            // Outcomes do not depend on the reference's bins: they continue in any case.
            if (snapshot.Quality is { } quality && monitor.Quality is { } tracker)
            {
                tracker.Restore(quality);
                monitor.Outcomes!.Import(quality.Pending ?? [], quality.Counters);
            }

            if (windows)
            {
                // The restored epochs count from the saved origin: the windows continue where they were.
                if (snapshot.WindowOrigin is { } origin)
                {
                    monitor.Clock?.RestoreOrigin(origin);
                }

                // Reconstruction sums made with another multivariate detector (refitted, or added since) do not add up: they restart.
                bool reconstruction = monitor.Layout.Multivariate is { } multivariate && snapshot.MultivariateFingerprint == multivariate.Scorer.Fingerprint;
                if (reconstruction && snapshot.MultivariateCalibration is { } errors)
                {
                    monitor.State.MultivariateCalibration?.Restore(errors);
                }

                foreach (var w in snapshot.Windows ?? [])
                {
                    monitor.Collected.AddRestored(Rebuild(w, monitor.Layout, reconstruction), monitor.Layout);
                }

                SegmentSnapshots.Restore(monitor, snapshot.Segments, reconstruction);
                monitor.Quality?.Segments?.Restore(snapshot.Quality?.Segments);
                monitor.Segments?.Alerts.RestoreShare(snapshot.SegmentShareAlert);
                if (snapshot.PreReference is { } gathered && !monitor.Layout.HasReference)
                {
                    monitor.Collected.AddPreReference(Rebuild(gathered, monitor.Layout, reconstruction));
                }

                if (snapshot.Alerts is { } a)
                {
                    monitor.State.ReportedThrough = a.ReportedThrough;
                    monitor.State.Alert.Restore(a);
                }
            }

            return note;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException or NullReferenceException or OverflowException)
        {
            throw new InvalidDataException($"{source}: the snapshot does not fit model '{monitor.ModelName}' version '{monitor.ModelVersion}' ({ex.Message})", ex);
        }
    }

    internal static ReferenceSnapshot Capture(ReferenceProfile reference) => new()
    {
        Rows = reference.RowCount,
        Bins = reference.Bins,
        PsiBins = reference.PsiBins,
        Numeric = [.. reference.Numeric.Select(n => new NumericReferenceSnapshot
        {
            Name = n.Name,
            Edges = [.. n.Edges.InteriorEdges],
            Counts = [.. n.Counts],
            PsiEdges = [.. n.PsiEdges.InteriorEdges],
            Missing = n.MissingCount,
            NonFinite = n.NonFiniteCount,
            Mean = n.Mean,
            StandardDeviation = n.StandardDeviation,
            Min = n.Min,
            Max = n.Max,
            RankError = n.RankError,
            Values = n.Values,
        })],
        Categorical = [.. reference.Categorical.Select(c => new CategoricalReferenceSnapshot
        {
            Name = c.Name,
            Categories = [.. c.Categories],
            Counts = [.. c.Counts],
            Missing = c.MissingCount,
        })],
    };

    internal static WindowSnapshot Capture(WindowAccumulator w) => new()
    {
        Epoch = w.Epoch,
        Events = w.Events,
        SchemaViolations = w.SchemaViolations,
        Errors = w.Errors,
        LatencyCount = w.LatencyCount,
        LatencySum = w.LatencySum,
        LatencyMax = w.LatencyMax,
        UnseenCategories = w.UnseenCategories,
        Estimation = EstimationSnapshot.From(w.Estimation),
        Reconstruction = ReconstructionSnapshot.From(in w.Reconstruction),
        CoMoments = w.CoMoments is { IsEmpty: false } moments ? moments.ToSnapshot() : null,
        Numeric = [.. w.Numeric.Select(c => new CellSnapshot
        {
            Count = c.Count,
            Missing = c.Missing,
            NonFinite = c.NonFinite,
            OutOfRange = c.OutOfRange,
            Center = c.Center,
            Sum1 = c.Sum1,
            Sum2 = c.Sum2,
            Min = c.Min,
            Max = c.Max,
        })],
        Bins = [.. w.Bins],
        Buckets = [.. w.Buckets],
        CategoricalMissing = [.. w.CategoricalMissing],
        Categories = [.. w.Categories.Select(c => c.ToSnapshot())],
        Sketches = w.Sketches is null ? null : [.. w.Sketches.Select(s => s.ToSnapshot())],
        Moments = w.Moments is null ? null : [.. w.Moments.Select(m => MomentsSnapshot.From(in m))],
        Samples = w.Samples is not { } samples ? null : [.. Enumerable.Range(0, w.Numeric.Length).Select(c => samples.IsComplete(c) ? samples.Values(c).ToArray() : null)],
    };

    internal static ReferenceProfile Rebuild(ReferenceSnapshot r, ModelSchema schema)
    {
        var numeric = (r.Numeric ?? []).Select(n => new NumericReference(
            n.Name ?? throw new ArgumentException("a numeric reference column has no name"),
            BinEdges.FromInteriorEdges(n.Edges ?? []),
            n.Counts ?? throw new ArgumentException($"numeric reference column '{n.Name}' has no counts"),
            BinEdges.FromInteriorEdges(n.PsiEdges ?? []),
            n.Missing, n.NonFinite, n.Mean, n.StandardDeviation, n.Min, n.Max,
            n.RankError ?? QuantileSketch.RankErrorBoundFor(QuantileSketch.DefaultK),
            n.Values)).ToArray();
        var categorical = (r.Categorical ?? []).Select(c => new CategoricalReference(
            c.Name ?? throw new ArgumentException("a categorical reference column has no name"),
            c.Categories ?? [],
            c.Counts ?? [],
            c.Missing)).ToArray();
        var reference = new ReferenceProfile(schema, numeric, categorical, r.Rows, r.Bins, r.PsiBins);
        if (reference.Mismatch(schema) is { } mismatch)
        {
            throw new ArgumentException(mismatch);
        }

        foreach (var n in numeric)
        {
            if (n.Counts.Length != n.Edges.BinCount)
            {
                throw new ArgumentException($"numeric reference column '{n.Name}' has {n.Counts.Length} counts for {n.Edges.BinCount} bins");
            }
        }

        return reference;
    }

    private static bool SameBins(ReferenceProfile a, ReferenceProfile b) =>
        a.Numeric.Length == b.Numeric.Length
        && a.Categorical.Length == b.Categorical.Length
        && a.Numeric.Zip(b.Numeric).All(p => p.First.Name == p.Second.Name
            && p.First.Edges.InteriorEdges.SequenceEqual(p.Second.Edges.InteriorEdges)
            && p.First.PsiEdges.InteriorEdges.SequenceEqual(p.Second.PsiEdges.InteriorEdges)
            && p.First.Min.Equals(p.Second.Min) && p.First.Max.Equals(p.Second.Max))
        && a.Categorical.Zip(b.Categorical).All(p => p.First.Name == p.Second.Name && p.First.Categories.SequenceEqual(p.Second.Categories));

    private static MonitorTotals Rebuild(TotalsSnapshot t, ModelSchema schema)
    {
        var totals = new MonitorTotals(schema)
        {
            Events = t.Events,
            SchemaViolations = t.SchemaViolations,
            Errors = t.Errors,
            Unseen = t.Unseen,
            InvalidTimes = t.InvalidTimes,
        };
        CopySaved(t.NumericMissing, totals.NumericMissing, "numeric missing totals");
        CopySaved(t.NumericNonFinite, totals.NumericNonFinite, "numeric non-finite totals");
        CopySaved(t.NumericOutOfRange, totals.NumericOutOfRange, "numeric out-of-range totals");
        CopySaved(t.CategoricalMissing, totals.CategoricalMissing, "categorical missing totals");
        return totals;

        // Unlike a window's arrays, a totals array the snapshot lacks adds nothing (its counts stay 0).
        static void CopySaved(long[]? saved, long[] target, string what)
        {
            if (saved is not null)
            {
                SnapshotLists.CopyExact(saved, target, what);
            }
        }
    }

    /// <summary>
    /// The multivariate detector a production reference fitted, refitted from the co-moments the snapshot
    /// kept (the same fit, so the same fingerprint); null when the model fits none or the snapshot has none.
    /// </summary>
    private static MultivariateDriftDefinition? RestoreMultivariate(ModelMonitor monitor, MonitorSnapshot snapshot)
    {
        if (monitor.Definition.MultivariateProduction is not { } production || snapshot.MultivariateReference is not { } saved)
        {
            return null;
        }

        try
        {
            return MultivariateDriftDefinition.FromProduction(Estimation.EncodedCoMoments.FromSnapshot(saved), production);
        }
        catch (InvalidOperationException)
        {
            return null; // as when the reference was built: multivariate drift stays off for this version
        }
    }

    /// <summary>A saved window; its reconstruction sums only when <paramref name="reconstruction"/> (they were made with the monitor's multivariate detector, and the window is the whole model's).</summary>
    internal static WindowAccumulator Rebuild(WindowSnapshot s, MonitorLayout layout, bool reconstruction = false)
    {
        var w = new WindowAccumulator(layout)
        {
            Epoch = s.Epoch,
            Events = s.Events,
            SchemaViolations = s.SchemaViolations,
            Errors = s.Errors,
            LatencyCount = s.LatencyCount,
            LatencySum = s.LatencySum,
            LatencyMax = s.LatencyMax,
            UnseenCategories = s.UnseenCategories,
        };
        EstimationSnapshot.AddInto(w.Estimation, s.Estimation);
        if (reconstruction && s.Reconstruction is { } sums)
        {
            w.Reconstruction = sums.ToSums();
        }

        if (w.CoMoments is { } coMoments && s.CoMoments is { } saved)
        {
            coMoments.Merge(Estimation.EncodedCoMoments.FromSnapshot(saved));
        }

        SnapshotLists.RestoreEach(s.Numeric, w.Numeric.Length, "numeric columns in a window", (c, x) =>
            w.Numeric[c] = new NumericCell { Count = x.Count, Missing = x.Missing, NonFinite = x.NonFinite, OutOfRange = x.OutOfRange, Center = x.Center, Sum1 = x.Sum1, Sum2 = x.Sum2, Min = x.Min, Max = x.Max });
        SnapshotLists.CopyExact(s.Bins, w.Bins, "bins in a window");
        SnapshotLists.CopyExact(s.Buckets, w.Buckets, "category buckets in a window");
        SnapshotLists.CopyExact(s.CategoricalMissing, w.CategoricalMissing, "categorical missing counts in a window");
        SnapshotLists.RestoreEach(s.Categories, w.Categories.Length, "categorical columns in a window", (c, x) => w.Categories[c].Merge(CategoryCounts.FromSnapshot(x)));
        if (w.Sketches is { } sketches)
        {
            SnapshotLists.RestoreEach(s.Sketches, sketches.Length, "sketches in a window", (c, x) => sketches[c].Merge(QuantileSketch.FromSnapshot(x)));
        }

        if (w.Moments is { } moments)
        {
            SnapshotLists.RestoreEach(s.Moments, moments.Length, "moments in a window", (c, x) => moments[c] = x.ToState());
        }

        if (w.Samples is { } samples)
        {
            // A snapshot without a column's values (written without the option, or overflowed) leaves it bounded.
            for (int c = 0; c < w.Numeric.Length; c++)
            {
                if (s.Samples is { } kept && c < kept.Count && kept[c] is { } values && values.Length == w.Numeric[c].Count && Array.TrueForAll(values, double.IsFinite))
                {
                    samples.Set(c, values);
                }
                else
                {
                    samples.MarkIncomplete(c);
                }
            }
        }

        return w;
    }
}
