using System.Globalization;
using ModelWatch.Samples;

namespace ModelWatch.Demo;

/// <summary>
/// A synthetic shift added to one input from a given date (<c>--shift wind=3</c>): each shifted value
/// gets <see cref="Amount"/> plus seeded noise of a quarter of it, so the shifted column moves
/// rather than being offset by a constant, and a given seed replays the same numbers.
/// </summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="FeatureIndex">The feature's position in <see cref="WeatherDay.FeatureNames"/>.</param>
/// <param name="Amount">The mean amount added, in the feature's unit.</param>
internal sealed record FeatureShift(string Feature, int FeatureIndex, double Amount)
{
    /// <summary>Reads <c>feature=amount</c>.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="shift">The shift, when <paramref name="text"/> is valid.</param>
    /// <param name="error">Why it is not, otherwise.</param>
    /// <returns>Whether <paramref name="text"/> is valid.</returns>
    public static bool TryParse(string text, out FeatureShift? shift, out string? error)
    {
        shift = null;
        error = null;
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        string name = equals < 0 ? text : text[..equals];
        int index = Array.IndexOf(WeatherDay.FeatureNames, name);
        if (equals < 0 || index < 0)
        {
            error = $"--shift expects <feature>=<amount> with a feature among {string.Join(", ", WeatherDay.FeatureNames)}; got '{text}'.";
            return false;
        }

        if (!double.TryParse(text.AsSpan(equals + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) || !double.IsFinite(amount))
        {
            error = $"--shift {name}=...: '{text[(equals + 1)..]}' is not a number.";
            return false;
        }

        shift = new FeatureShift(name, index, amount);
        return true;
    }

    /// <summary>Adds the shift to a row's features.</summary>
    /// <param name="features">The row, changed in place.</param>
    /// <param name="random">The seeded source of the noise.</param>
    public void Apply(Span<double> features, Random random) =>
        features[FeatureIndex] += Amount * (1 + 0.25 * StandardNormal(random));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Feature} {Amount:+0.###;-0.###}");

    private static double StandardNormal(Random random)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        double u = 1 - random.NextDouble();
        double v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
