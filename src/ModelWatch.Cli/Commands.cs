using System.CommandLine;
using System.Text.Json;
using ModelWatch.Cli.Csv;
using ModelWatch.Cli.Output;
using ModelWatch.Cli.Stores;
using ModelWatch.Monitoring;
using ModelWatch.Profiles;
using ModelWatch.Reporting;
using ModelWatch.Statistics;

namespace ModelWatch.Cli;

/// <summary>The four commands: what they do with their parsed arguments.</summary>
internal static class Commands
{
    /// <summary><c>modelwatch profile</c>: a CSV or Parquet file into a profile file, or into an entry of the store when <c>--store</c> gives one.</summary>
    public static int RunProfile(CliContext context, string input, string output, CsvReadOptions csv, string? model, string? modelVersion, bool quiet, StoreProfiles? store = null)
    {
        long start = context.Time.GetTimestamp();
        var profile = Sources.ProfileData(input, csv, columnsFrom: null, context, quiet);
        string segments = profile.Segments.Count == 0 ? string.Empty : $"; {profile.Segments.Count:N0} segments by {string.Join(", ", csv.SegmentBy)}";
        profile.ModelName = model;
        profile.ModelVersion = modelVersion;
        SaveProfile(profile, output, store);
        if (!quiet)
        {
            double seconds = context.Time.GetElapsedTime(start).TotalSeconds;
            string columns = string.Join(", ", profile.Features.Select(f => $"{f.Name} ({Kind(f)})"));
            string name = CsvInput.IsStandardInput(input) ? "standard input" : input;
            context.Note($"{name}: {profile.Rows:N0} rows in {seconds:0.00} s ({profile.Rows / Math.Max(seconds, 1e-9):N0} rows/s); columns: {columns}; wrote {store?.Describe(output) ?? output}{segments}");
        }

        return ExitCodes.Success;
    }

    /// <summary><c>modelwatch compare</c> and <c>modelwatch report</c>: the drift of a current data set against a reference.</summary>
    public static int RunCompare(CliContext context, CompareArguments a)
    {
        using var store = a.Store;
        if (CsvInput.IsStandardInput(a.Reference) && CsvInput.IsStandardInput(a.Current))
        {
            throw new CliException("--reference and --current cannot both be standard input ('-').");
        }

        var reference = Sources.IsProfile(a.Reference) ? LoadProfile(a.Reference, a.Store) : null;
        var current = Sources.IsProfile(a.Current) ? LoadProfile(a.Current, a.Store) : null;
        // Data files are profiled to hold every value up to the exact limit (the sketch's K).
        var csv = a.ExactUpTo is int exact ? a.Csv with { SketchK = Math.Max(QuantileSketch.DefaultK, exact) } : a.Csv;
        if (a.SegmentBy is { } segmentColumns)
        {
            csv = csv with { SegmentBy = segmentColumns }; // CSV and Parquet inputs are profiled segment by segment
        }

        Profile? columnsFrom = null;
        if ((reference ?? current) is { } schemaSource && (reference is null || current is null))
        {
            if (csv.Columns.Count + csv.Numeric.Count + csv.Categorical.Count + csv.Ignore.Count > 0 || csv.Prediction is not null)
            {
                context.Note($"note: the columns come from {(reference is not null ? a.Reference : a.Current)}; --columns, --numeric, --categorical, --ignore and --prediction are not used.");
            }

            columnsFrom = schemaSource;
        }

        reference ??= Sources.ProfileData(a.Reference, csv, columnsFrom, context, a.Quiet);
        current ??= Sources.ProfileData(a.Current, csv, reference, context, a.Quiet);

        DriftReport report;
        try
        {
            report = a.SegmentBy is { } columns
                ? ProfileComparison.CompareSegmentsBy(SegmentedProfile(reference, a.Reference), SegmentedProfile(current, a.Current), columns, a.Drift)
                : ProfileComparison.Compare(reference, current, a.Drift, exactUpTo: a.ExactUpTo);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new CliException($"cannot compare {a.Current} with {a.Reference}: {MessageOf(ex)}", ex);
        }

        var verdict = a.Gate.Decide(report, (a.Reference, reference.Rows), (a.Current, current.Rows));
        Sources.WriteText(context, a.Output, w =>
        {
            switch (a.Format)
            {
                case OutputFormat.Json:
                    w.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.DriftReport));
                    break;
                case OutputFormat.Html:
                    HtmlReport.Write(w, report, reference, current, a.Title ?? Sources.ReportTitle(a.Reference, a.Current));
                    break;
                default:
                    DriftTable.Write(w, verdict, a.Reference, a.Current);
                    break;
            }
        });

        if (!a.Quiet && (a.Output is not null || a.Format != OutputFormat.Table))
        {
            context.Note(DriftTable.Summary(verdict) + (a.Output is null ? string.Empty : $"; wrote {a.Output}"));
        }

        return a.Gate.ExitCode(verdict);
    }

    /// <summary>A profile that has segments, for <c>--segment-by</c>.</summary>
    private static Profile SegmentedProfile(Profile profile, string source) =>
        profile.Segments.Count > 0
            ? profile
            : throw new CliException($"--segment-by: {source} has no segments; give segmented profiles (.mwp: 'modelwatch profile --segment-by', merged window profiles of a segmented model, or ProfileBuilder.SegmentBy) or CSV or Parquet files.");

    /// <summary>
    /// <c>modelwatch merge</c>: profiles of the same columns into one; with <c>--store</c>, entries of the
    /// store, or with <c>--window</c> every replica's profile of the window starting then.
    /// </summary>
    public static int RunMerge(CliContext context, IReadOnlyList<string> inputs, string output, bool quiet, StoreProfiles? store = null, DateTimeOffset? window = null)
    {
        if (window is { } start)
        {
            if (store is null || inputs.Count > 0)
            {
                throw new CliException(store is null ? "--window merges the replicas' windows of a store: give --store, --model and --model-version." : "--window merges a store's window profiles: give it without profile names.");
            }

            var (fleet, replicas) = store.MergeWindow(start);
            SaveProfile(fleet, output, store);
            if (!quiet)
            {
                context.Note($"merged the window profiles of {replicas} replicas ({fleet.Rows:N0} rows, {fleet.Features.Count} columns); wrote {store.Describe(output)}");
            }

            return ExitCodes.Success;
        }

        if (inputs.Count == 0)
        {
            throw new CliException("merge needs the profiles to merge (or, with --store, --window).");
        }

        var notProfiles = inputs.Where(i => !Sources.IsProfile(i)).ToList();
        if (notProfiles.Count > 0)
        {
            throw new CliException($"merge takes profile files ({ProfileFile.Extension}); {string.Join(", ", notProfiles)} is not one. Profile CSV or Parquet files first with 'modelwatch profile'.");
        }

        var profiles = inputs.Select(i => LoadProfile(i, store)).ToList();
        Profile merged;
        try
        {
            merged = Profile.Merge(profiles);
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"cannot merge: {MessageOf(ex)}", ex);
        }

        SaveProfile(merged, output, store);
        if (!quiet)
        {
            context.Note($"merged {profiles.Count} profiles ({merged.Rows:N0} rows, {merged.Features.Count} columns); wrote {store?.Describe(output) ?? output}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Loads a profile from its file, or from its entry in the store.</summary>
    private static Profile LoadProfile(string name, StoreProfiles? store) => store is null ? Sources.LoadProfile(name) : store.Load(name);

    /// <summary>Saves a profile to its file, or to its entry in the store.</summary>
    private static void SaveProfile(Profile profile, string name, StoreProfiles? store)
    {
        if (store is null)
        {
            Sources.SaveProfile(profile, name);
        }
        else
        {
            store.Save(profile, name);
        }
    }

    /// <summary>An exception's message without the " (Parameter 'x')" that argument exceptions append.</summary>
    private static string MessageOf(Exception ex) =>
        ex is ArgumentException { ParamName: { } name } && ex.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? ex.Message[..^$" (Parameter '{name}')".Length]
            : ex.Message;

    private static string Kind(FeatureProfile f) =>
        (f.Kind == Drift.FeatureKind.Numeric ? "numeric" : "categorical") + (f.IsPrediction ? ", prediction" : string.Empty);
}
