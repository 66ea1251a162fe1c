namespace ModelWatch.OnnxRuntime.Internal;

/// <summary>One thread's buffers for logging a run: sized to the largest batch seen, then reused.</summary>
internal sealed class Scratch(int columns, int numeric, int categorical)
{
    public double[][] Numbers { get; } = [.. Enumerable.Range(0, columns).Select(_ => new double[16])];

    public string?[][] Texts { get; } = [.. Enumerable.Range(0, columns).Select(_ => new string?[16])];

    public double[] RowNumeric { get; } = new double[numeric];

    public string?[] RowCategorical { get; } = new string?[categorical];

    public double[] Predictions = new double[16];

    public string?[] PredictionText = new string?[16];

    public double[] Probabilities = new double[16];

    public NamedCallValues Named { get; } = new();

    public OrtCallValues Ort { get; } = new();
}
