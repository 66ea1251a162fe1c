using Microsoft.ML.Data;

namespace ModelWatch.Integrations.Tests.TestSupport;

/// <summary>What the multiclass weather model answers: the predicted key (1-based) and a probability per class.</summary>
public sealed class WeatherPrediction
{
    /// <summary>The predicted class as an ML.NET key: 1 + the class index in <c>WeatherDay.Classes</c> order.</summary>
    public uint PredictedLabel { get; set; }

    /// <summary>The probability of each class, in key order.</summary>
    public float[] Score { get; set; } = [];
}
