using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelWatch.OnnxRuntime.Internal;

/// <summary>A run through the <see cref="OrtValue"/> API: names and values in two parallel collections.</summary>
internal sealed class OrtCallValues : CallValues
{
    public IReadOnlyCollection<string> InputNames { get; set; } = [];

    public IReadOnlyCollection<OrtValue> InputValues { get; set; } = [];

    public IReadOnlyList<string> OutputNames { get; set; } = [];

    public IReadOnlyList<OrtValue> OutputValues { get; set; } = [];

    public override int Numbers(bool output, string name, TensorElementType type, ref double[] buffer) =>
        Find(output, name) is { } value ? TensorData.Numbers(value, type, ref buffer) : -1;

    public override int Text(bool output, string name, TensorElementType type, ref string?[] buffer) =>
        Find(output, name) is { } value ? TensorData.Text(value, type, ref buffer) : -1;

    public override int Maps(bool output, string name, ref double[] buffer, out int width)
    {
        width = 0;
        return Find(output, name) is { } value ? TensorData.Maps(value, ref buffer, out width) : -1;
    }

    public override OnnxInput Input(string name) => new() { Name = name, OrtValue = Find(output: false, name) };

    private OrtValue? Find(bool output, string name) => output ? At(OutputNames, OutputValues, name) : At(InputNames, InputValues, name);

    private static OrtValue? At(IReadOnlyCollection<string> names, IReadOnlyCollection<OrtValue> values, string name)
    {
        int index = 0;
        if (names is IReadOnlyList<string> list)
        {
            for (; index < list.Count && list[index] != name; index++)
            {
            }

            if (index == list.Count)
            {
                return null;
            }
        }
        else
        {
            index = names.TakeWhile(n => n != name).Count();
            if (index == names.Count)
            {
                return null;
            }
        }

        return index >= values.Count ? null : values is IReadOnlyList<OrtValue> valueList ? valueList[index] : values.ElementAt(index);
    }
}
