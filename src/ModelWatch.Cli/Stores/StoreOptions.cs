using System.CommandLine;
using System.Globalization;

namespace ModelWatch.Cli.Stores;

/// <summary>The options that point a command at a store instead of local files: <c>--store</c> and, where the command has none, <c>--model</c> and <c>--model-version</c>.</summary>
internal sealed class StoreOptions
{
    private readonly Option<string?> _store = new("--store")
    {
        Description = "Read and write profiles in a store instead of files: s3://bucket[/prefix][?endpoint=URL&compatible=true], azblob://container[/prefix] "
            + $"(connection string in {StoreLocation.AzureConnectionVariable}), https://account.blob.core.windows.net/container[/prefix] (SAS or the Azure credential chain) "
            + $"or postgresql[://table] (connection string in {StoreLocation.PostgreSqlConnectionVariable}). Profile names (.mwp) are then entries of --model/--model-version, e.g. reference/train.mwp.",
    };

    private readonly Option<string?>? _model;
    private readonly Option<string?>? _version;

    /// <summary>Initializes a new instance of the <see cref="StoreOptions"/> class.</summary>
    /// <param name="withModel">Whether to add <c>--model</c> and <c>--model-version</c> (commands that have them already pass false).</param>
    public StoreOptions(bool withModel)
    {
        if (withModel)
        {
            _model = new Option<string?>("--model") { Description = "With --store: the model whose entries are read and written." };
            _version = new Option<string?>("--model-version") { Description = "With --store: the model's version." };
        }
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_store);
        if (_model is not null)
        {
            command.Options.Add(_model);
            command.Options.Add(_version!);
        }
    }

    /// <summary>Opens the store, or returns null without <c>--store</c>.</summary>
    public StoreProfiles? Open(ParseResult parse, string? model = null, string? version = null) =>
        StoreProfiles.Open(parse.GetValue(_store), _model is null ? model : parse.GetValue(_model), _version is null ? version : parse.GetValue(_version));

    /// <summary>Parses <c>--window</c>: a window's start, an ISO 8601 time (UTC unless it says otherwise).</summary>
    public static DateTimeOffset? Window(string? value) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start) ? start
        : throw new CliException($"--window: '{value}' is not a time; give the window's start as 2026-12-05T10:00:00Z.");
}
