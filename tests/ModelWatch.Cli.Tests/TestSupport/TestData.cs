using System.Security.Cryptography;
using System.Text;
using ModelWatch.Samples;

namespace ModelWatch.Cli.Tests.TestSupport;

/// <summary>
/// The committed data files, checked by SHA-256, and subsets of them written to a folder: the Seattle
/// weather file of the samples' shared project (samples/ModelWatch.Shared/Data/README.md), which
/// the build copies beside its assembly, and the US macro data of this project's Data/README.md.
/// </summary>
internal static class TestData
{
    public const string Seattle = "seattle_weather.csv";
    public const string Macro = "us_macrodata_quarterly.csv";

    private static readonly Dictionary<string, (string Path, string Sha256)> Files = new(StringComparer.Ordinal)
    {
        [Seattle] = (WeatherDay.DataPath, WeatherDay.Sha256),
        [Macro] = (Path.Combine(AppContext.BaseDirectory, "Data", Macro), "d93c0d3a7a77ef83c3af14e46032bb1d02ae3a512b22ab94159a8ca226fcf708"),
    };

    /// <summary>The path of a data file, after checking that it is the unchanged copy.</summary>
    public static string PathOf(string file)
    {
        var (path, sha256) = Files[file];
        string actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        if (actual != sha256)
        {
            throw new InvalidOperationException($"{path} has SHA-256 {actual}, expected {sha256}; the data file must be an unchanged copy.");
        }

        return path;
    }

    /// <summary>Writes the header and the data rows (numbered from 0) that <paramref name="keep"/> selects.</summary>
    public static string Subset(string file, string folder, string name, Func<string, int, bool> keep)
    {
        string[] lines = File.ReadAllText(PathOf(file), Encoding.UTF8).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var text = new StringBuilder(lines[0]).Append('\n');
        for (int i = 1; i < lines.Length; i++)
        {
            if (keep(lines[i], i - 1))
            {
                text.Append(lines[i]).Append('\n');
            }
        }

        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
