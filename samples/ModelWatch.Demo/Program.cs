using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using ModelWatch.Demo;
using ModelWatch.Samples;

// The README's main command: replays four years of Seattle weather through a monitored classifier
// and prints what ModelWatch finds. Exit codes: 0 done, 2 bad arguments (or the data file is missing).
var shift = new Option<string[]>("--shift")
{
    Description = "Add a synthetic, seeded shift to a feature from --shift-from on, e.g. --shift wind=3 (repeatable; features: "
        + string.Join(", ", WeatherDay.FeatureNames) + ").",
    HelpName = "feature=amount",
    Arity = ArgumentArity.ZeroOrMore,
};
shift.Validators.Add(r =>
{
    foreach (string text in r.GetValueOrDefault<string[]>() ?? [])
    {
        if (!FeatureShift.TryParse(text, out _, out string? error))
        {
            r.AddError(error!);
        }
    }
});
// A string option, so that --help shows the default as the date format it asks for.
var shiftFrom = new Option<string>("--shift-from")
{
    Description = "The first day (yyyy-MM-dd) the shifts apply to.",
    HelpName = "date",
    DefaultValueFactory = _ => DemoSettings.DefaultShiftFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
};
shiftFrom.Validators.Add(r =>
{
    string text = r.GetValueOrDefault<string>() ?? string.Empty;
    if (!TryParseDate(text, out _))
    {
        r.AddError($"--shift-from expects a date as yyyy-MM-dd; got '{text}'.");
    }
});
var seed = new Option<int>("--seed")
{
    Description = "Seed of the shifts' noise.",
    HelpName = "n",
    DefaultValueFactory = _ => DemoSettings.DefaultSeed,
};
var speed = new Option<string>("--speed")
{
    Description = "Replay pace: 'max' (as fast as possible) or days of data per second, e.g. 30 for a live demo (about 50 s).",
    HelpName = "days-per-second|max",
    DefaultValueFactory = _ => "max",
};
speed.Validators.Add(r =>
{
    string text = r.GetValueOrDefault<string>() ?? "max";
    if (text != "max" && !(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double pace) && pace > 0 && double.IsFinite(pace)))
    {
        r.AddError($"--speed expects 'max' or a positive number of days per second; got '{text}'.");
    }
});
var output = new Option<string>("--output", "-o")
{
    Description = "Folder for the HTML report.",
    HelpName = "dir",
    DefaultValueFactory = _ => DemoSettings.DefaultOutputDirectory,
};
var noColor = new Option<bool>("--no-color") { Description = "No ANSI colours (also off when standard output is not a terminal, or NO_COLOR is set)." };

var root = new RootCommand(
    "ModelWatch demo: replays Seattle's 2012-2015 weather (NOAA, public domain) through a monitored weather classifier trained on 2012, "
    + "prints each month's drift and quality, a summary of the drifts found, and writes an HTML drift report (2012 vs 2015). "
    + "Exit codes: 0 done, 2 bad arguments.")
{
    shift, shiftFrom, seed, speed, output, noColor,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var shifts = (parse.GetValue(shift) ?? []).Select(text => FeatureShift.TryParse(text, out var s, out _) ? s! : throw new InvalidOperationException(text)).ToList();
    string pace = parse.GetValue(speed)!;
    var settings = new DemoSettings(
        shifts,
        TryParseDate(parse.GetValue(shiftFrom)!, out var from) ? from : DemoSettings.DefaultShiftFrom,
        parse.GetValue(seed),
        pace == "max" ? null : double.Parse(pace, NumberStyles.Float, CultureInfo.InvariantCulture),
        Path.GetFullPath(parse.GetValue(output)!),
        Color: !parse.GetValue(noColor) && !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));
    return await DemoRun.RunAsync(settings, cancellationToken);
});

var result = root.Parse(args);
if (result.Action is ParseErrorAction)
{
    // System.CommandLine exits with 1 on a usage error; this demo, like the modelwatch tool, uses 2.
    foreach (var error in result.Errors)
    {
        Console.Error.WriteLine($"ModelWatch.Demo: {error.Message}");
    }

    Console.Error.WriteLine("Run with --help for usage.");
    return 2;
}

return await result.InvokeAsync();

static bool TryParseDate(string text, out DateOnly date) =>
    DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
