using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>Alerts per segment, with the model's hysteresis per segment, and retraining for a segment.</summary>
public sealed class SegmentAlertTests
{
    [Fact]
    public async Task SustainedDriftInOneSegment_RaisesAndClearsItsAlert_AndRequestsRetrainingForIt()
    {
        string[] segments = SegmentScenarios.Names(5);
        var reference = TestModels.NormalReference(2, rows: 20_000, categories: segments);
        var (services, watch, time) = TestModels.Create(
            m => m.Numeric("f0", "f1").Categorical("c0").Reference(reference).Window(TimeSpan.FromMinutes(1)).SegmentBy("c0").Configure(o => o.Segments.ReferenceSize = 0),
            more: b => b.AddAlertHandler<AlertTests.RecordingHandler>().AddRetrainingTrigger<AlertTests.RecordingTrigger>());
        using var _ = services;
        var handler = (AlertTests.RecordingHandler)services.GetServices<IDriftAlertHandler>().Single();
        var trigger = (AlertTests.RecordingTrigger)services.GetServices<IRetrainingTrigger>().Single();
        var rng = new SplitMix64(9);

        // s2 drifts in windows 1, 3, 4, 5 (one drifted window alone does not raise), then is clean.
        bool[] drifted = [false, true, false, true, true, true, false, false, false];
        foreach (bool d in drifted)
        {
            await SegmentScenarios.Window(watch, time, rng, segments, features: 2, rows: 5_000, d ? "s2" : null, 1.0);
        }

        // Segment alerts (the whole model's own alerts, if its share of the shift shows, have no segment).
        var alerts = handler.Alerts.Where(a => a.Segment is not null).ToArray();
        Assert.All(alerts, a => Assert.Equal("s2", a.Segment));
        Assert.Equal([DriftAlertKind.Raised, DriftAlertKind.Cleared], alerts.Select(a => a.Kind));
        Assert.Equal(TestModels.Start.AddMinutes(5), alerts[0].At);   // the second drifted window in a row ends at minute 5
        Assert.Equal(TestModels.Start.AddMinutes(8), alerts[1].At);   // the second clean one ends at minute 8
        Assert.Equal("s2", alerts[0].Report.Segment);
        Assert.Equal(["f0", "f1"], alerts[0].DriftedFeatures.ToArray());

        await trigger.First.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Token);
        var request = Assert.Single(trigger.Requests, r => r.Segment is not null);
        Assert.Equal("s2", request.Segment);
        Assert.Contains("segment 's2'", request.Reason, StringComparison.Ordinal);
        Assert.Equal("s2", request.Report.Segment);
    }
}
