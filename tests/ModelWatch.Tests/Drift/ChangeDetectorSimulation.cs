using ModelWatch.Drift;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Drift;

/// <summary>
/// Seeded Monte Carlo runs of a change detector over synthetic streams: false alarms before a change
/// point, detection delay after it, and missed detections. Runs are independent, so they run in parallel.
/// </summary>
internal static class ChangeDetectorSimulation
{
    public const int Runs = 1000;
    public const int Length = 10_000;
    public const int ChangePoint = 5_000;
    public const int RampLength = 2_000;

    /// <summary>The stream's parameter (a probability or a mean) at position t.</summary>
    public delegate double Schedule(int t);

    public static Schedule Stationary(double value) => _ => value;

    public static Schedule Sudden(double before, double after) => t => t < ChangePoint ? before : after;

    public static Schedule Gradual(double before, double after) =>
        t => t < ChangePoint ? before : before + ((after - before) * Math.Min(1.0, (t - ChangePoint + 1) / (double)RampLength));

    public static Figures Bernoulli(Func<IChangeDetector> create, Schedule p, int changePoint, ulong seed) =>
        Run(create, (ref SplitMix64 rng, int t) => rng.NextUniform() < p(t) ? 1.0 : 0.0, changePoint, seed);

    public static Figures Normal(Func<IChangeDetector> create, Schedule mean, int changePoint, ulong seed) =>
        Run(create, (ref SplitMix64 rng, int t) => rng.NextNormal() + mean(t), changePoint, seed);

    private delegate double Draw(ref SplitMix64 rng, int t);

    private static Figures Run(Func<IChangeDetector> create, Draw draw, int changePoint, ulong seed)
    {
        var falseAlarm = new bool[Runs];
        var delay = new int[Runs];
        Parallel.For(0, Runs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, run =>
        {
            // Each run's seed is hashed from (seed, run): seeding runs with seed + run·γ would make run
            // r + 1 replay run r's stream shifted by one value (SplitMix64 steps its state by γ).
            var rng = new SplitMix64(new SplitMix64((seed << 20) ^ (ulong)run).Next());
            var detector = create();
            delay[run] = -1;
            for (int t = 0; t < Length; t++)
            {
                if (detector.Add(draw(ref rng, t)) != ChangeDetectorState.Drift)
                {
                    continue;
                }

                if (t < changePoint)
                {
                    falseAlarm[run] = true;
                    continue;
                }

                delay[run] = t - changePoint;
                break;
            }
        });

        int[] detected = delay.Where(d => d >= 0).Order().ToArray();
        return new Figures(
            falseAlarm.Count(x => x) / (double)Runs,
            detected.Length == 0 ? double.NaN : Percentile(detected, 0.5),
            detected.Length == 0 ? double.NaN : Percentile(detected, 0.9),
            changePoint >= Length ? 0 : Runs - detected.Length);
    }

    private static double Percentile(int[] sorted, double q)
    {
        // Type-7 (linear interpolation), as numpy's default.
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>The measured figures of one scenario.</summary>
    public readonly record struct Figures(double FalseAlarmRate, double MedianDelay, double P90Delay, int Missed)
    {
        public override string ToString() =>
            $"false alarms {FalseAlarmRate:P1}, median delay {MedianDelay:F0}, p90 delay {P90Delay:F0}, missed {Missed}/{Runs}";
    }
}
