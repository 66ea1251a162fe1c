using Microsoft.ML.OnnxRuntime;

namespace ModelWatch.OnnxRuntime.Internal;

/// <summary>
/// The outputs a caller asked for, when the monitored run had to compute more (the prediction):
/// the extra ones, at the end, are disposed at once; the requested ones with this collection.
/// </summary>
internal sealed class RequestedOutputs : IDisposableReadOnlyCollection<OrtValue>
{
    private readonly OrtValue[] _values;

    public RequestedOutputs(IDisposableReadOnlyCollection<OrtValue> all, int requested)
    {
        _values = [.. all.Take(requested)];
        foreach (var extra in all.Skip(requested))
        {
            extra.Dispose();
        }
    }

    public int Count => _values.Length;

    public OrtValue this[int index] => _values[index];

    public IEnumerator<OrtValue> GetEnumerator() => ((IEnumerable<OrtValue>)_values).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _values.GetEnumerator();

    public void Dispose()
    {
        foreach (var value in _values)
        {
            value.Dispose();
        }
    }
}
