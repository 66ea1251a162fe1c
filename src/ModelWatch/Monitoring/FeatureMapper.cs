namespace ModelWatch.Monitoring;

/// <summary>
/// Maps a typed model input to feature values, given once at registration so that logging a typed
/// input needs no reflection.
/// </summary>
/// <typeparam name="TInput">The model's input type.</typeparam>
/// <param name="input">The input.</param>
/// <param name="numericFeatures">Receives the numeric features in schema order.</param>
/// <param name="categoricalFeatures">Receives the categorical features in schema order.</param>
public delegate void FeatureMapper<in TInput>(TInput input, Span<double> numericFeatures, Span<string?> categoricalFeatures);
