using System.Globalization;
using System.Text.Json;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Estimation;

/// <summary>
/// Compares results with a NannyML oracle file (Oracles/nannyml/README.md §8): null stays null, NaN
/// stays NaN, numbers within a stated tolerance; and remembers the worst deviation seen, so each test
/// can report it.
/// </summary>
internal sealed class OracleComparer(string caseId)
{
    /// <summary>Gets the largest |actual − expected| / max(1, |expected|) of the comparisons so far.</summary>
    public double WorstDeviation { get; private set; }

    /// <summary>Gets where <see cref="WorstDeviation"/> was seen.</summary>
    public string WorstAt { get; private set; } = "";

    /// <summary>Absolute tolerance (rates, probabilities).</summary>
    public void Absolute(JsonElement parent, string name, double? actual, double tolerance, string where) =>
        Compare(parent, name, actual, tolerance, relative: false, where);

    /// <summary>Relative tolerance, absolute below 1 (counts, PCA values).</summary>
    public void Relative(JsonElement parent, string name, double? actual, double tolerance, string where) =>
        Compare(parent, name, actual, tolerance, relative: true, where);

    public void Value(double expected, double actual, double tolerance, bool relative, string where)
    {
        string what = $"{caseId} {where}";
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            Assert.True(double.IsNaN(expected) && double.IsNaN(actual), $"{what}: expected {expected:R}, actual {actual:R}");
            return;
        }

        if (expected == actual)
        {
            return;
        }

        double scale = relative ? Math.Max(1, Math.Abs(expected)) : 1;
        double deviation = Math.Abs(actual - expected) / scale;
        if (deviation > WorstDeviation || double.IsNaN(deviation))
        {
            WorstDeviation = deviation;
            WorstAt = where;
        }

        Assert.True(deviation <= tolerance, $"{what}: expected {expected:R}, actual {actual:R}, deviation {deviation:R} > {tolerance:R}");
    }

    public void Values(JsonElement expected, IReadOnlyList<double> actual, double tolerance, bool relative, string where)
    {
        double[] e = Oracle.Doubles(expected);
        Assert.Equal(e.Length, actual.Count);
        for (int i = 0; i < e.Length; i++)
        {
            Value(e[i], actual[i], tolerance, relative, string.Create(CultureInfo.InvariantCulture, $"{where}[{i}]"));
        }
    }

    public string Report() =>
        string.Create(CultureInfo.InvariantCulture, $"{caseId}: worst deviation {WorstDeviation:E2} at {WorstAt}");

    private void Compare(JsonElement parent, string name, double? actual, double tolerance, bool relative, string where)
    {
        double? expected = Oracle.NumberOrNull(parent, name);
        if (expected is null)
        {
            Assert.True(actual is null, $"{caseId} {where}.{name}: expected null (none), actual {actual:R}");
            return;
        }

        Assert.True(actual is not null, $"{caseId} {where}.{name}: expected {expected:R}, actual null (none)");
        Value(expected.Value, actual.Value, tolerance, relative, $"{where}.{name}");
    }
}
