using System.Collections.Concurrent;
using System.Text.Json;

namespace ModelWatch.Tests.TestSupport;

/// <summary>
/// Reads the committed oracle files (Oracles/*.json): cases by id, samples inline or by recipe,
/// and numbers that may be written as "NaN" / "Infinity" strings or null.
/// </summary>
internal static class Oracle
{
    private static readonly ConcurrentDictionary<string, JsonDocument> Files = new();
    private static readonly ConcurrentDictionary<string, double[]> RecipeCache = new();

    public static JsonElement File(string name) =>
        Files.GetOrAdd(name, static n =>
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Oracles", n + ".json");
            return JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
        }).RootElement;

    public static IEnumerable<JsonElement> Cases(string file) =>
        File(file).GetProperty("cases").EnumerateArray();

    /// <summary>Case ids of a file, for xunit theories.</summary>
    public static TheoryData<string> CaseIds(string file)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases(file))
        {
            data.Add(c.GetProperty("id").GetString()!);
        }

        return data;
    }

    public static JsonElement Case(string file, string id)
    {
        foreach (var c in Cases(file))
        {
            if (c.GetProperty("id").GetString() == id)
            {
                return c;
            }
        }

        throw new KeyNotFoundException($"{file}: no case '{id}'");
    }

    /// <summary>
    /// The values of a sample: inline <c>values</c>, or regenerated from its recipe and checked
    /// against the stored SHA-256 (a wrong port fails loudly instead of producing wrong truth).
    /// </summary>
    public static double[] Sample(JsonElement sample)
    {
        if (sample.TryGetProperty("values", out var inline))
        {
            return Doubles(inline);
        }

        var recipe = sample.GetProperty("recipe");
        string sha = sample.GetProperty("sha256_f64le").GetString()!;
        return (double[])RecipeCache.GetOrAdd(sha, _ =>
        {
            double[] generated = Recipes.Generate(recipe);
            string actual = Recipes.Sha256F64Le(generated);
            if (actual != sha)
            {
                throw new InvalidOperationException($"recipe port produced {actual}, oracle says {sha}");
            }

            return generated;
        }).Clone();
    }

    public static double[] Doubles(JsonElement array)
    {
        var result = new double[array.GetArrayLength()];
        int i = 0;
        foreach (var e in array.EnumerateArray())
        {
            result[i++] = Number(e);
        }

        return result;
    }

    public static long[] Longs(JsonElement array)
    {
        var result = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var e in array.EnumerateArray())
        {
            result[i++] = e.GetInt64();
        }

        return result;
    }

    /// <summary>A number that may be written as a string ("NaN", "Infinity", "-Infinity").</summary>
    public static double Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => throw new FormatException($"not a number: '{s}'"),
        },
        _ => throw new FormatException($"not a number: {e.ValueKind}"),
    };

    /// <summary>The number in <paramref name="name"/>, or null when absent or JSON null.</summary>
    public static double? NumberOrNull(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? Number(e) : null;
}
