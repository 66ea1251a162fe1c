using System.Text.Json;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Drift;

/// <summary>One case of Oracles/ks_two_sample.json, with its samples regenerated and its fields parsed.</summary>
internal sealed class KsOracleCase
{
    private KsOracleCase(JsonElement c)
    {
        Id = c.GetProperty("id").GetString()!;
        N1 = c.GetProperty("n1").GetInt64();
        N2 = c.GetProperty("n2").GetInt64();
        X = Oracle.Sample(c.GetProperty("x"));
        Y = Oracle.Sample(c.GetProperty("y"));
        var e = c.GetProperty("expected");
        Statistic = Oracle.Number(e.GetProperty("D"));
        DNumerator = e.GetProperty("D_numerator").GetInt64();
        DDenominator = e.GetProperty("D_denominator").GetInt64();
        DPlus = Oracle.Number(e.GetProperty("D_plus"));
        DMinus = Oracle.Number(e.GetProperty("D_minus"));
        PExactBigint = Oracle.NumberOrNull(e, "p_exact_bigint");
        PExactScipy = Oracle.NumberOrNull(e, "p_exact");
        PAsymptotic = Oracle.Number(e.GetProperty("p_asymp"));
        PAuto = Oracle.Number(e.GetProperty("p_auto"));
        AutoMethod = e.GetProperty("auto_method").GetString()!;
    }

    public string Id { get; }

    public long N1 { get; }

    public long N2 { get; }

    public double[] X { get; }

    public double[] Y { get; }

    public double Statistic { get; }

    public long DNumerator { get; }

    public long DDenominator { get; }

    public double DPlus { get; }

    public double DMinus { get; }

    /// <summary>Gets the exact-integer truth, or null for the largest cases.</summary>
    public double? PExactBigint { get; }

    /// <summary>Gets SciPy's float exact value, or null where SciPy fell back to asymp.</summary>
    public double? PExactScipy { get; }

    public double PAsymptotic { get; }

    public double PAuto { get; }

    public string AutoMethod { get; }

    public static KsOracleCase Load(string id) => new(Oracle.Case("ks_two_sample", id));

    public static IEnumerable<KsOracleCase> All()
    {
        foreach (var c in Oracle.Cases("ks_two_sample"))
        {
            yield return new KsOracleCase(c);
        }
    }
}
