using System.Text.Json;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Profiles;

namespace ModelWatch.Cli.Tests;

/// <summary><c>compare --segment-by</c>: segmented profiles compared segment by segment, in every output format.</summary>
public sealed class SegmentCompareTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Save(string name, ulong seed, string? shifted)
    {
        var builder = new ProfileBuilder(["amount"], ["country"]).SegmentBy("country");
        var rng = new Random((int)seed);
        string[] countries = ["US", "DE", "FR"];
        for (int i = 0; i < 3_000; i++)
        {
            string country = countries[i % 3];
            double normal = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            builder.Add([normal + (country == shifted ? 1 : 0)], [country]);
        }

        string path = Path.Combine(_temp.Path, name);
        ProfileFile.Save(builder.Build(ProfileKind.Dataset), path);
        return path;
    }

    [Fact]
    public void SegmentBy_Table_ListsSegmentsMostSevereFirst()
    {
        string reference = Save("ref.mwp", 1, null), current = Save("cur.mwp", 2, "FR");
        var result = Tool.Expect(0, "compare", "-r", reference, "-c", current, "--segment-by", "country");
        var lines = result.Stdout.Split('\n');
        int header = Array.FindIndex(lines, l => l.StartsWith("segment ", StringComparison.Ordinal));
        Assert.True(header > 0, result.ToString());
        Assert.StartsWith("FR", lines[header + 2], StringComparison.Ordinal);
        Assert.Contains("DRIFT", lines[header + 2], StringComparison.Ordinal);
        Assert.Contains("segments: 1 of 3 judged drifted", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentBy_Json_CarriesTheSegments()
    {
        string reference = Save("ref.mwp", 1, null), current = Save("cur.mwp", 2, "DE");
        var result = Tool.Expect(0, "compare", "-r", reference, "-c", current, "--segment-by", "country", "--format", "json");
        using var json = JsonDocument.Parse(result.Stdout);
        var segments = json.RootElement.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal("DE", segments[0].GetProperty("name").GetString());
        Assert.True(segments[0].GetProperty("isDrift").GetBoolean());
        Assert.All(segments.Skip(1), s => Assert.False(s.GetProperty("isDrift").GetBoolean()));
    }

    [Fact]
    public void SegmentBy_WithoutSegmentedProfiles_IsAClearError()
    {
        string plain = Path.Combine(_temp.Path, "plain.mwp");
        var builder = new ProfileBuilder(["amount"], ["country"]);
        builder.Add([1], ["US"]);
        ProfileFile.Save(builder.Build(), plain);
        var result = Tool.Run("compare", "-r", plain, "-c", plain, "--segment-by", "country");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("has no segments", result.Stderr, StringComparison.Ordinal);
    }
}
