using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using ModelWatch.Cli.Csv;
using ModelWatch.Cli.Output;
using ModelWatch.Cli.Stores;
using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Statistics;

namespace ModelWatch.Cli;

/// <summary>
/// The <c>modelwatch</c> tool: parses the command line (System.CommandLine), runs a command and
/// turns every expected failure into a one-line message on standard error and exit code 2.
/// </summary>
internal static class CliApp
{
    /// <summary>Runs the tool with the given arguments and writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, TimeProvider.System);

    /// <summary>Runs the tool with a given clock (tests).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        bool interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;

        // Every message goes to standard error through the terminal writer, which prints control characters visibly.
        var terminal = new TerminalWriter(stderr);
        var context = new CliContext(stdout, terminal, time, interactive);

        // Every failure, parsing included, is one line and exit code 2: a gate that cannot run fails closed.
        try
        {
            var root = BuildRoot(context);
            var parse = root.Parse(args);
            if (parse.Action is ParseErrorAction)
            {
                foreach (var error in parse.Errors)
                {
                    terminal.WriteLine($"modelwatch: {error.Message}");
                }

                string command = parse.CommandResult.Command == root ? "modelwatch" : $"modelwatch {parse.CommandResult.Command.Name}";
                terminal.WriteLine($"Run '{command} --help' for usage.");
                return ExitCodes.Error;
            }

            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = terminal, EnableDefaultExceptionHandler = false });
        }
        catch (CliException ex)
        {
            terminal.WriteLine($"modelwatch: {ex.Message}");
            return ExitCodes.Error;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            terminal.WriteLine($"modelwatch: {ex.Message}");
            return ExitCodes.Error;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug rather than bad input; still one line and exit code 2, so a pipeline reads it as a failed check.
            terminal.WriteLine($"modelwatch: unexpected error ({ex.GetType().Name}): {ex.Message}");
            return ExitCodes.Error;
        }
    }

    private static Command BuildRoot(CliContext context)
    {
        // A plain command rather than RootCommand, whose name would be the assembly's (ModelWatch.Cli), not the tool's.
        var root = new Command(
            "modelwatch",
            "Profile CSV or Parquet data, compare it with a reference and report drift (KS, PSI, chi-squared, Jensen-Shannon, Wasserstein). "
            + "Exit codes: 0 no drift (or drift without --fail-on-drift), 1 drift with --fail-on-drift, 2 usage or input error, or no verdict with --fail-on-drift.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(ProfileCommand(context));
        root.Subcommands.Add(CompareCommand(context, "compare", "Compare a current data set with a reference: per-feature detector results and the dataset verdict.", html: false));
        root.Subcommands.Add(CompareCommand(context, "report", "Write the HTML drift report of a current data set against a reference (as compare --format html).", html: true));
        root.Subcommands.Add(MergeCommand(context));
        return root;
    }

    /// <summary>The columns of <c>--segment-by</c>: comma-separated, each once.</summary>
    private static string[] SegmentColumns(string? value) =>
        [.. (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    private static Command ProfileCommand(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "The data file: CSV (.csv, or .csv.gz; '-' for standard input) or Parquet (.parquet)." };
        var output = new Option<string>("--output", "-o") { Description = "The profile file to write (.mwp).", Required = true };
        var model = new Option<string?>("--model") { Description = "The model's name, stored in the profile." };
        var version = new Option<string?>("--model-version") { Description = "The model's version, stored in the profile." };
        var schema = new SchemaOptions();
        var store = new StoreOptions(withModel: false);
        var quiet = QuietOption();
        var segmentBy = new Option<string?>("--segment-by")
        {
            Description = "Profile each segment too: the values of this categorical column (or of several, comma-separated, joined by '|') name the segments, as a segmented model's do; the profile (.mwp) then holds a profile per segment, for 'compare --segment-by'. A Parquet segment column is a string, enum, integer or boolean column.",
            HelpName = "column[,column]",
        };
        var maxSegments = new Option<int>("--max-segments")
        {
            Description = $"With --segment-by: the most segments profiled, the first values to appear (default {SegmentOptions.DefaultMaxSegments}); rows of other values, and rows with an empty segment cell, go to '(other)'.",
            DefaultValueFactory = _ => SegmentOptions.DefaultMaxSegments,
        };
        Validate(maxSegments, value => value is >= 1 and <= 10_000 ? null : string.Create(CultureInfo.InvariantCulture, $"--max-segments must be between 1 and 10,000; got {value}."));
        var command = new Command("profile", "Profile a CSV or Parquet file into a mergeable profile file (.mwp): moments and quantile sketches of numeric columns, counts of categorical ones.")
        {
            input, output, model, version, segmentBy, maxSegments, quiet,
        };
        schema.AddTo(command);
        store.AddTo(command);
        command.SetAction(p =>
        {
            using var profiles = store.Open(p, p.GetValue(model), p.GetValue(version));
            var csv = schema.Read(p) with { SegmentBy = SegmentColumns(p.GetValue(segmentBy)), MaxSegments = p.GetValue(maxSegments) };
            return Commands.RunProfile(context, p.GetValue(input)!, p.GetValue(output)!, csv, p.GetValue(model), p.GetValue(version), p.GetValue(quiet), profiles);
        });
        return command;
    }

    private static Command CompareCommand(CliContext context, string name, string description, bool html)
    {
        var reference = new Option<string>("--reference", "-r") { Description = "The reference: a CSV file, a Parquet file (.parquet) or a profile (.mwp).", Required = true };
        var current = new Option<string>("--current", "-c") { Description = "The data to check: a CSV file, a Parquet file (.parquet) or a profile (.mwp).", Required = true };
        var format = new Option<string>("--format", "-f") { Description = "Output format: table, json or html.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "html");
        var output = new Option<string?>("--output", "-o") { Description = html ? "The HTML file to write (default: standard output)." : "The file to write (default: standard output)." };
        var failOnDrift = new Option<bool>("--fail-on-drift") { Description = "Exit with code 1 when the dataset drifted, and with 2 when the comparison has no verdict (a deployment gate)." };
        var minRows = new Option<int>("--min-rows") { Description = $"The fewest rows each data set must have for a verdict (default {DriftGate.DefaultMinRows}).", DefaultValueFactory = _ => DriftGate.DefaultMinRows };
        Validate(minRows, value => value >= 0 ? null : string.Create(CultureInfo.InvariantCulture, $"--min-rows must be 0 or more; got {value}."));
        var allowNoVerdict = new Option<bool>("--allow-no-verdict") { Description = "With --fail-on-drift, exit 0 instead of 2 when the comparison has no verdict (fewer rows than --min-rows, or no feature evaluated)." };
        var title = new Option<string?>("--title") { Description = "The HTML report's title (default: \"Drift report: <current file> against <reference file>\")." };
        var pValue = new Option<double>("--p-value") { Description = "Significance level of the p-value tests (KS, chi-squared).", DefaultValueFactory = _ => 0.05 };
        Validate(pValue, value => InRange("--p-value", value, 1e-300, 0.5));
        var share = new Option<double>("--drift-share") { Description = "Share of drifted features at which the dataset counts as drifted.", DefaultValueFactory = _ => 0.5 };
        Validate(share, value => InRange("--drift-share", value, 1e-9, 1.0));
        var correction = new Option<string>("--correction") { Description = "Multiple-testing correction across features: none, benjamini-hochberg or bonferroni.", DefaultValueFactory = _ => "none" };
        correction.AcceptOnlyFromAmong("none", "benjamini-hochberg", "bonferroni");
        var exactUpTo = new Option<int?>("--exact-up-to")
        {
            Description = $"Compute KS and Wasserstein on the raw values for numeric columns with at most this many values in each data set (SciPy's ks_2samp and wasserstein_distance); larger columns use bin counts, within a stated bound. Default: as many as the inputs hold exactly ({QuantileSketch.DefaultK} values for CSV and Parquet files). 0: always bin counts. At most {CompareArguments.MaxExactUpTo:N0}.",
        };
        Validate(exactUpTo, value => value is null or (>= 0 and <= CompareArguments.MaxExactUpTo) ? null : string.Create(CultureInfo.InvariantCulture, $"--exact-up-to must be between 0 and {CompareArguments.MaxExactUpTo}; got {value}."));
        var segmentBy = new Option<string?>("--segment-by")
        {
            Description = "Compare segment by segment too: the segments are the values of this column (or of several, comma-separated, joined by '|'); profiles (.mwp) must be segmented by it (modelwatch profile --segment-by, merged window profiles of a segmented model, or ProfileBuilder.SegmentBy), CSV and Parquet files are profiled segment by segment; every segment x column p-value is corrected together (Benjamini-Hochberg).",
            HelpName = "column[,column]",
        };
        var schema = new SchemaOptions();
        var quiet = QuietOption();
        var command = new Command(name, description) { reference, current };
        if (!html)
        {
            command.Options.Add(format);
        }

        foreach (var option in new Option[] { output, failOnDrift, minRows, allowNoVerdict, title, pValue, share, correction, exactUpTo, segmentBy, quiet })
        {
            command.Options.Add(option);
        }

        schema.AddTo(command);
        var store = new StoreOptions(withModel: true);
        store.AddTo(command);
        command.SetAction(p => Commands.RunCompare(context, new CompareArguments
        {
            Store = store.Open(p),
            Reference = p.GetValue(reference)!,
            Current = p.GetValue(current)!,
            Format = html ? OutputFormat.Html : p.GetValue(format) switch
            {
                "json" => OutputFormat.Json,
                "html" => OutputFormat.Html,
                _ => OutputFormat.Table,
            },
            Output = p.GetValue(output),
            Gate = new DriftGate { FailOnDrift = p.GetValue(failOnDrift), MinRows = p.GetValue(minRows), AllowNoVerdict = p.GetValue(allowNoVerdict) },
            Title = p.GetValue(title),
            Quiet = p.GetValue(quiet),
            Csv = schema.Read(p),
            ExactUpTo = p.GetValue(exactUpTo),
            SegmentBy = SegmentColumns(p.GetValue(segmentBy)) is { Length: > 0 } columns ? columns : null,
            Drift = new DriftOptions
            {
                PValueThreshold = p.GetValue(pValue),
                DatasetDriftShare = p.GetValue(share),
                Correction = p.GetValue(correction) switch
                {
                    "benjamini-hochberg" => MultipleTestingCorrection.BenjaminiHochberg,
                    "bonferroni" => MultipleTestingCorrection.Bonferroni,
                    _ => MultipleTestingCorrection.None,
                },
            },
        }));
        return command;
    }

    private static Command MergeCommand(CliContext context)
    {
        var inputs = new Argument<string[]>("profiles") { Description = "The profile files (.mwp) to merge: the same columns, e.g. partitions or days of one data set.", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The merged profile file to write (.mwp).", Required = true };
        var window = new Option<string?>("--window") { Description = "With --store: merge every replica's profile of the window starting at this time (2026-12-05T10:00:00Z) instead of named profiles." };
        var quiet = QuietOption();
        var command = new Command("merge", "Merge profiles of the same columns into one (counts and moments exactly, sketches within their error bound).") { inputs, output, window, quiet };
        var store = new StoreOptions(withModel: true);
        store.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(inputs) is not [_, ..] && result.GetValue(window) is null)
            {
                result.AddError("merge needs the profiles to merge (or, with --store, --window <start>).");
            }
        });
        command.SetAction(p =>
        {
            var start = StoreOptions.Window(p.GetValue(window));
            using var profiles = store.Open(p);
            return Commands.RunMerge(context, p.GetValue(inputs) ?? [], p.GetValue(output)!, p.GetValue(quiet), profiles, start);
        });
        return command;
    }

    private static Option<bool> QuietOption() => new("--quiet", "-q") { Description = "Write no progress, notes or summary to standard error (errors still are)." };

    /// <summary>Adds a check of an option's value; a value that does not parse is left to the parser, which reports it.</summary>
    private static void Validate<T>(Option<T> option, Func<T, string?> check) => option.Validators.Add(result =>
    {
        if (!result.Implicit && Parses(result, out T value) && check(value) is { } error)
        {
            result.AddError(error);
        }
    });

    private static bool Parses<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    private static string? InRange(string name, double value, double min, double max) =>
        value >= min && value <= max ? null : string.Create(CultureInfo.InvariantCulture, $"{name} must be in [{min:G3}, {max:G3}]; got {value:G6}.");

    /// <summary>The options that choose which columns of a data file are read and how, shared by the commands that read CSV and Parquet files.</summary>
    private sealed class SchemaOptions
    {
        private readonly Option<string[]> _columns = List("--columns", "Only these columns are profiled, with those named by --numeric, --categorical and --prediction (comma-separated; repeatable). Default: every column not ignored.");
        private readonly Option<string[]> _numeric = List("--numeric", "Columns to read as numbers (comma-separated; repeatable). Default: inferred.");
        private readonly Option<string[]> _categorical = List("--categorical", "Columns to read as categories (comma-separated; repeatable). Default: inferred.");
        private readonly Option<string[]> _ignore = List("--ignore", "Columns not to profile, e.g. a date, an id or a nested Parquet column (comma-separated; repeatable).");
        private readonly Option<string?> _prediction = new("--prediction") { Description = "The column holding the model's prediction (a column named 'prediction' is one by default)." };
        private readonly Option<bool> _skipBadRows = new("--skip-bad-rows") { Description = "Skip and count malformed rows instead of stopping at the first one." };
        private readonly Option<string> _delimiter = new("--delimiter") { Description = "The field separator: one character, or 'tab'.", DefaultValueFactory = _ => "," };
        private readonly Option<int> _maxColumns = new("--max-columns") { Description = $"The most columns a file may have (default {CsvReadOptions.DefaultMaxColumns:N0}; each takes memory).", DefaultValueFactory = _ => CsvReadOptions.DefaultMaxColumns };

        public SchemaOptions()
        {
            Validate(_maxColumns, value => value >= 1 ? null : string.Create(CultureInfo.InvariantCulture, $"--max-columns must be 1 or more; got {value}."));
            _delimiter.Validators.Add(r =>
            {
                string? value = r.GetValueOrDefault<string>();
                if (Delimiter(value) is null)
                {
                    r.AddError($"--delimiter must be one character or 'tab'; got '{value}'.");
                }
            });
        }

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _columns, _numeric, _categorical, _ignore, _prediction, _skipBadRows, _delimiter, _maxColumns })
            {
                command.Options.Add(option);
            }
        }

        public CsvReadOptions Read(ParseResult p) => new()
        {
            Columns = Split(p.GetValue(_columns)),
            Numeric = Split(p.GetValue(_numeric)),
            Categorical = Split(p.GetValue(_categorical)),
            Ignore = Split(p.GetValue(_ignore)),
            Prediction = p.GetValue(_prediction),
            SkipBadRows = p.GetValue(_skipBadRows),
            Delimiter = Delimiter(p.GetValue(_delimiter)) ?? ',',
            MaxColumns = p.GetValue(_maxColumns),
        };

        private static Option<string[]> List(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.OneOrMore };

        private static string[] Split(string[]? values) =>
            [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

        private static char? Delimiter(string? value) => value switch
        {
            "tab" or "\\t" or "\t" => '\t',
            { Length: 1 } when value[0] is not '"' and not '\r' and not '\n' => value[0],
            _ => null,
        };
    }
}
