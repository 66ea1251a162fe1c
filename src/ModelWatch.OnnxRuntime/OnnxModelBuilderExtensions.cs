using Microsoft.ML.OnnxRuntime;
using ModelWatch.OnnxRuntime;

namespace ModelWatch.Monitoring;

/// <summary>Registers a model's features from its ONNX metadata.</summary>
public static class OnnxModelBuilderExtensions
{
    /// <summary>Declares the features derived from the inputs of the model loaded in <paramref name="session"/> (see <see cref="OnnxInputSchema"/>).</summary>
    /// <param name="builder">The model's builder.</param>
    /// <param name="session">The session.</param>
    /// <param name="options">Exclusions, names and custom inputs; null: the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">An input the rules cannot map (the message names it).</exception>
    public static ModelBuilder Features(this ModelBuilder builder, InferenceSession session, OnnxMonitoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var schema = OnnxInputSchema.Create(session, options);
        return builder.Numeric([.. schema.NumericFeatures]).Categorical([.. schema.CategoricalFeatures]);
    }
}
