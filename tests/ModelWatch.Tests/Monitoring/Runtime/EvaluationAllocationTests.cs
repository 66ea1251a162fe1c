using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Runtime;

/// <summary>
/// What one evaluation of an active model allocates: the fleet's pass cost is mostly this per model
/// (its reports and their temporaries), so the bound keeps what was gained. Allocation is
/// deterministic for a given window; the test evaluates on its own thread and counts that thread's bytes.
/// </summary>
public sealed class EvaluationAllocationTests : IDisposable
{
    private const int Features = 20;

    /// <summary>
    /// Bytes one pass over a 20-feature model (+ its prediction) may allocate: its report (per column
    /// the column's report, its four detector results and its PSI counts, about 770 bytes) and little else.
    /// </summary>
    private const long MaxBytesPerPass = 18 * 1024;

    private static readonly ReferenceProfile Reference = TestModels.NormalReference(Features, rows: 4_096);

    private readonly FakeTimeProvider _time = new(TestModels.Start);
    private readonly ModelWatchMetrics _metrics = new(factory: null, () => []);

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public void EvaluatingAnActiveModel_AllocatesLittleMoreThanItsReport()
    {
        var definition = Parts.Define(m => m.Numeric(TestModels.FeatureNames(Features)).Reference(Reference).Window(TimeSpan.FromHours(1)));
        var monitor = Parts.Monitor(definition, _time);
        var evaluator = new MonitorEvaluator(_time, NullLogger.Instance, _metrics, keepClosedWindows: false);
        var rng = new SplitMix64(5);
        Parts.LogRows(monitor, ref rng, 2_000);
        for (int warm = 0; warm < 2; warm++)
        {
            // The first passes warm up the code and fill the pools a pass reuses (accumulators, buffers).
            Parts.LogRows(monitor, ref rng, 1);
            evaluator.Evaluate(monitor);
        }

        long most = 0;
        for (int pass = 0; pass < 3; pass++)
        {
            Parts.LogRows(monitor, ref rng, 1);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var evaluation = evaluator.Evaluate(monitor);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Single(evaluation.DriftReports);
            most = Math.Max(most, allocated);
        }

        Assert.True(most <= MaxBytesPerPass, $"One pass allocated {most:N0} bytes (at most {MaxBytesPerPass:N0}).");
    }
}
