using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace ModelWatch.Tests.TestSupport;

/// <summary>
/// Regenerates the large oracle samples from their recipes (Oracles/README.md §2). Every step is a
/// single correctly rounded IEEE operation in the documented order, so the bits match the
/// generator's; <see cref="Sha256F64Le"/> checks that.
/// </summary>
internal static class Recipes
{
    private const double TwoPowMinus53 = 1.0 / 9007199254740992.0;
    private const double TwoPowMinus32 = 1.0 / 4294967296.0;

    public static double[] Generate(JsonElement recipe)
    {
        string kind = recipe.GetProperty("kind").GetString()!;
        return kind switch
        {
            "random" => Random(recipe),
            "permutation" => Permutation(recipe),
            _ => throw new NotSupportedException($"recipe kind '{kind}'"),
        };
    }

    public static string Sha256F64Le(ReadOnlySpan<double> values)
    {
        byte[] bytes = new byte[values.Length * sizeof(double)];
        for (int i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8), values[i]);
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("recipes are checked on little-endian machines");
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static double[] Random(JsonElement recipe)
    {
        ulong seed = ulong.Parse(recipe.GetProperty("seed").GetString()!, CultureInfo.InvariantCulture);
        int n = recipe.GetProperty("n").GetInt32();
        string transform = recipe.GetProperty("transform").GetString()!;
        double scale = recipe.GetProperty("scale").GetDouble();
        double loc = recipe.GetProperty("loc").GetDouble();
        ulong k = recipe.TryGetProperty("k", out var kEl) ? kEl.GetUInt64() : 0;

        var rng = new SplitMix64(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double b;
            switch (transform)
            {
                case "uniform":
                    b = (rng.Next() >> 11) * TwoPowMinus53;
                    break;
                case "irwin_hall12":
                    {
                        ulong s = 0;
                        for (int t = 0; t < 12; t++)
                        {
                            s += rng.Next() >> 32;
                        }

                        b = s * TwoPowMinus32 - 6.0;
                        break;
                    }

                case "pareto1":
                    {
                        double u = ((rng.Next() >> 11) + 1) * TwoPowMinus53;
                        b = 1.0 / u;
                        break;
                    }

                case "sym_pareto1":
                    {
                        ulong z = rng.Next();
                        double u = ((z >> 11) + 1) * TwoPowMinus53;
                        double m = 1.0 / u - 1.0;
                        b = (z & 1) == 0 ? m : -m;
                        break;
                    }

                case "discrete":
                    b = (rng.Next() >> 32) % k;
                    break;
                default:
                    throw new NotSupportedException($"transform '{transform}'");
            }

            double product = b * scale;
            values[i] = loc + product;
        }

        return values;
    }

    private static double[] Permutation(JsonElement recipe)
    {
        int n = recipe.GetProperty("n").GetInt32();
        string value = recipe.GetProperty("value").GetString()!;
        string order = recipe.GetProperty("order").GetString()!;

        double Base(long k) => value switch
        {
            "identity" => k,
            "square" => (double)k * k,
            "ties100" => k / 100,
            "two_clusters" => k < n / 2 ? k : k + 1e12,
            "neg_reciprocal" => -1.0 / (k + 1),
            _ => throw new NotSupportedException($"permutation value '{value}'"),
        };

        var values = new double[n];
        switch (order)
        {
            case "ascending":
                for (int i = 0; i < n; i++)
                {
                    values[i] = Base(i);
                }

                break;
            case "descending":
                for (int i = 0; i < n; i++)
                {
                    values[i] = Base(n - 1 - i);
                }

                break;
            case "zigzag":
                {
                    int lo = 0, hi = n - 1, i = 0;
                    while (lo <= hi)
                    {
                        values[i++] = Base(lo++);
                        if (lo <= hi)
                        {
                            values[i++] = Base(hi--);
                        }
                    }

                    break;
                }

            case "shuffle_splitmix64":
                {
                    ulong seed = ulong.Parse(recipe.GetProperty("seed").GetString()!, CultureInfo.InvariantCulture);
                    var rng = new SplitMix64(seed);
                    var a = new long[n];
                    for (int i = 0; i < n; i++)
                    {
                        a[i] = i;
                    }

                    for (int i = n - 1; i >= 1; i--)
                    {
                        int j = (int)(rng.Next() % (ulong)(i + 1));
                        (a[i], a[j]) = (a[j], a[i]);
                    }

                    for (int i = 0; i < n; i++)
                    {
                        values[i] = Base(a[i]);
                    }

                    break;
                }

            default:
                throw new NotSupportedException($"permutation order '{order}'");
        }

        return values;
    }
}
