using System.Globalization;
using System.Text.Json;

namespace ModelWatch.Tests.TestSupport;

public sealed class RecipesTests
{
    [Fact]
    public void SplitMix64_SeedZero_MatchesPublishedOutputs()
    {
        var file = Oracle.File("recipes_test_vectors");
        var rng = new SplitMix64(0);
        foreach (var expected in file.GetProperty("splitmix64_seed_0_first_5").EnumerateArray())
        {
            Assert.Equal(ulong.Parse(expected.GetString()!, CultureInfo.InvariantCulture), rng.Next());
        }
    }

    [Fact]
    public void Generate_EveryExample_MatchesValuesAndSha256()
    {
        var file = Oracle.File("recipes_test_vectors");
        int checkedExamples = 0;
        foreach (var example in file.GetProperty("examples").EnumerateArray())
        {
            double[] values = Recipes.Generate(example.GetProperty("recipe"));
            Assert.Equal(Oracle.Doubles(example.GetProperty("values")), values);
            Assert.Equal(example.GetProperty("sha256_f64le").GetString(), Recipes.Sha256F64Le(values));
            checkedExamples++;
        }

        Assert.True(checkedExamples >= 7);
    }

    public static TheoryData<string, string> RecipeSamples()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in new[] { "moments", "quantiles", "ks_two_sample", "psi", "jensen_shannon", "wasserstein" })
        {
            foreach (var c in Oracle.Cases(file))
            {
                foreach (var p in c.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("recipe", out _))
                    {
                        data.Add(file, c.GetProperty("id").GetString() + "/" + p.Name);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RecipeSamples))]
    public void Sample_RecipeCase_ReproducesStoredHash(string file, string caseAndField)
    {
        string[] parts = caseAndField.Split('/');
        var sample = Oracle.Case(file, parts[0]).GetProperty(parts[1]);
        double[] values = Oracle.Sample(sample); // throws if the SHA-256 differs
        Assert.Equal(sample.GetProperty("n").GetInt32(), values.Length);
        Assert.Equal(Oracle.Doubles(sample.GetProperty("head")), values.AsSpan(0, 4).ToArray());
    }
}
