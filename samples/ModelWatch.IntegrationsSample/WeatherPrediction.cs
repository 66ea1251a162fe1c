namespace ModelWatch.IntegrationsSample;

/// <summary>The model's answer: the predicted class as an ML.NET key (1-based) and a probability per class.</summary>
public sealed class WeatherPrediction
{
    /// <summary>The predicted class: 1 + its index in <c>WeatherDay.Classes</c> (keys are sorted by value).</summary>
    public uint PredictedLabel { get; set; }

    /// <summary>The probability of each class, in key order.</summary>
    public float[] Score { get; set; } = [];
}
