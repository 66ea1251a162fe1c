using Microsoft.ML.OnnxRuntime;

namespace ModelWatch.OnnxRuntime;

/// <summary>One input of a monitored call, as given to an <see cref="OnnxInputMapper"/>: exactly one of its two values is set.</summary>
public readonly struct OnnxInput
{
    /// <summary>Gets the input's name.</summary>
    public string Name { get; init; }

    /// <summary>Gets the input when the call passed <see cref="NamedOnnxValue"/>s.</summary>
    public NamedOnnxValue? NamedValue { get; init; }

    /// <summary>Gets the input when the call passed <see cref="Microsoft.ML.OnnxRuntime.OrtValue"/>s.</summary>
    public OrtValue? OrtValue { get; init; }
}
