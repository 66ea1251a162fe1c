using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelWatch.OnnxRuntime.Internal;

/// <summary>A run through the <see cref="NamedOnnxValue"/> API.</summary>
internal sealed class NamedCallValues : CallValues
{
    public IReadOnlyCollection<NamedOnnxValue> Inputs { get; set; } = [];

    public IReadOnlyCollection<DisposableNamedOnnxValue> Outputs { get; set; } = [];

    public override int Numbers(bool output, string name, TensorElementType type, ref double[] buffer) =>
        Find(output, name) is { } value ? TensorData.Numbers(value, type, ref buffer) : -1;

    public override int Text(bool output, string name, TensorElementType type, ref string?[] buffer) =>
        Find(output, name) is { } value ? TensorData.Text(value, type, ref buffer) : -1;

    public override int Maps(bool output, string name, ref double[] buffer, out int width)
    {
        width = 0;
        return Find(output, name) is { } value ? TensorData.Maps(value, ref buffer, out width) : -1;
    }

    public override OnnxInput Input(string name) => new() { Name = name, NamedValue = Find(output: false, name) };

    private NamedOnnxValue? Find(bool output, string name) => output ? Find(Outputs, name) : Find(Inputs, name);

    private static NamedOnnxValue? Find<T>(IReadOnlyCollection<T> values, string name)
        where T : NamedOnnxValue
    {
        // Indexed when the caller passed a list (the usual case): no enumerator is allocated.
        if (values is IReadOnlyList<T> list)
        {
            for (int i = 0; i < list.Count; i++)
            {
                if (list[i].Name == name)
                {
                    return list[i];
                }
            }

            return null;
        }

        return values.FirstOrDefault(v => v.Name == name);
    }
}
