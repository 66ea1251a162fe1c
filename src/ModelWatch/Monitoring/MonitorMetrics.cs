using System.Diagnostics.Metrics;

namespace ModelWatch.Monitoring;

/// <summary>
/// What one monitor records on the logging path: the inference-latency histogram, with its tags
/// built once, recorded only while a listener is enabled (STYLE §5.7).
/// </summary>
internal sealed class MonitorMetrics
{
    private readonly Histogram<double> _duration;
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly KeyValuePair<string, object?>[] _failedTags;

    public MonitorMetrics(Histogram<double> duration, string model, string version)
    {
        _duration = duration;
        _tags = [new(ModelWatchInstruments.ModelName, model), new(ModelWatchInstruments.ModelVersion, version)];
        _failedTags = [.. _tags, new(ModelWatchInstruments.ErrorType, "exception")];
    }

    public void RecordDuration(double seconds, bool failed)
    {
        if (_duration.Enabled)
        {
            _duration.Record(seconds, failed ? _failedTags : _tags);
        }
    }
}
