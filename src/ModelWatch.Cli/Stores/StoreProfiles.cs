using System.Globalization;
using ModelWatch.Persistence;
using ModelWatch.Profiles;

namespace ModelWatch.Cli.Stores;

/// <summary>
/// Profiles kept in a store (<c>--store</c>) as entries of one model version (<c>--model</c>,
/// <c>--model-version</c>): with a store, each profile name on the command line (<c>-o</c>, <c>-r</c>,
/// <c>-c</c>, merge's inputs) is an entry such as <c>reference/train.mwp</c> or
/// <c>pod-1/window/20261205T100000000Z.mwp</c>, read and written where ModelWatch's services keep theirs.
/// </summary>
internal sealed class StoreProfiles : IDisposable
{
    private readonly IProfileStore _store;
    private readonly string _model;
    private readonly string _version;

    private StoreProfiles(IProfileStore store, string description, string model, string version)
    {
        _store = store;
        _model = model;
        _version = version;
        Description = description;
    }

    /// <summary>Gets the store's description (no secret).</summary>
    public string Description { get; }

    /// <summary>Opens the store of <c>--store</c>, or returns null without one.</summary>
    /// <exception cref="CliException">The location is malformed, or the model or version is missing.</exception>
    public static StoreProfiles? Open(string? location, string? model, string? version)
    {
        if (location is null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(model) || string.IsNullOrEmpty(version))
        {
            throw new CliException("--store needs --model and --model-version: a store keeps profiles per model version.");
        }

        var (store, description) = StoreLocation.Open(location);
        return new StoreProfiles(store, description, model, version);
    }

    /// <summary>Where an entry lives, for messages.</summary>
    public string Describe(string entry) => _store.Describe(_model, _version, Checked(entry));

    /// <summary>Reads a profile entry.</summary>
    public Profile Load(string entry)
    {
        string where = Describe(entry);
        var stream = Run(() => _store.OpenReadAsync(_model, _version, entry, CancellationToken.None), where)
            ?? throw new CliException($"{where}: no such entry.");
        using (stream)
        {
            try
            {
                return ProfileFile.Read(stream, where);
            }
            catch (ProfileFormatException ex)
            {
                throw new CliException(ex.Message, ex);
            }
        }
    }

    /// <summary>Writes a profile entry (replacing it; a window's entry, written once, is refused where the server can tell).</summary>
    public void Save(Profile profile, string entry)
    {
        string where = Describe(entry);
        Run(
            async () =>
            {
                await _store.WriteAsync(_model, _version, entry, (stream, _) =>
                {
                    ProfileFile.Write(profile, stream);
                    return Task.CompletedTask;
                }, CancellationToken.None).ConfigureAwait(false);
                return true;
            },
            where);
    }

    /// <summary>Merges every replica's profile of the window starting at <paramref name="start"/>.</summary>
    public (Profile Merged, int Replicas) MergeWindow(DateTimeOffset start)
    {
        string where = $"{Description} ({_model} {_version}, window {start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)})";
        var entries = Run(() => _store.ListWindowProfilesAsync(_model, _version), where);
        int replicas = entries.Count(e => e.WindowStart == start);
        var merged = Run(() => _store.MergeWindowProfilesAsync(_model, _version, start), where)
            ?? throw new CliException($"{where}: no replica saved a profile of this window; the windows saved start at {string.Join(", ", entries.Select(e => e.WindowStart).OfType<DateTimeOffset>().Distinct().Order().TakeLast(5).Select(s => s.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))} (the latest five).");
        return (merged, replicas);
    }

    public void Dispose()
    {
        if (_store is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private static string Checked(string entry) =>
        ProfileStoreKeys.IsEntry(entry)
            ? entry
            : throw new CliException($"'{entry}' is not a store entry: '/'-separated segments of ASCII letters, digits, '-', '_' and '.' (never first), e.g. reference/train.mwp.");

    /// <summary>Runs a store call to its end (the tool's commands are synchronous); a store's failure becomes one line.</summary>
    private static T Run<T>(Func<Task<T>> call, string where)
    {
        try
        {
            return call().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not (CliException or OutOfMemoryException))
        {
            // The stores' messages name hosts, containers and keys, never a secret (tests/ModelWatch.Storage.Tests, Secrets).
            throw new CliException($"{where}: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }
}
