using System.Collections;
using System.Numerics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelWatch.OnnxRuntime.Internal;

/// <summary>
/// Copies the values of a tensor, given as a <see cref="NamedOnnxValue"/> or an <see cref="OrtValue"/>,
/// into reusable buffers: numbers widened to double, strings and booleans as text. Each method returns
/// the number of values, or -1 when the value is not a tensor of the expected element type (counted
/// by the caller as a row it could not log).
/// </summary>
internal static class TensorData
{
    public const string True = "true";
    public const string False = "false";

    public static int Numbers(NamedOnnxValue value, TensorElementType type, ref double[] buffer) => type switch
    {
        TensorElementType.Float => Copy<float>(value, ref buffer),
        TensorElementType.Double => Copy<double>(value, ref buffer),
        TensorElementType.Int32 => Copy<int>(value, ref buffer),
        TensorElementType.Int64 => Copy<long>(value, ref buffer),
        TensorElementType.UInt32 => Copy<uint>(value, ref buffer),
        TensorElementType.UInt64 => Copy<ulong>(value, ref buffer),
        TensorElementType.Int16 => Copy<short>(value, ref buffer),
        TensorElementType.UInt16 => Copy<ushort>(value, ref buffer),
        TensorElementType.Int8 => Copy<sbyte>(value, ref buffer),
        TensorElementType.UInt8 => Copy<byte>(value, ref buffer),
        TensorElementType.Bool => Flags(value.Value as Tensor<bool>, ref buffer),
        _ => -1,
    };

    public static int Numbers(OrtValue value, TensorElementType type, ref double[] buffer)
    {
        if (!value.IsTensor)
        {
            return -1;
        }

        return type switch
        {
            TensorElementType.Float => Copy(value.GetTensorDataAsSpan<float>(), ref buffer),
            TensorElementType.Double => Copy(value.GetTensorDataAsSpan<double>(), ref buffer),
            TensorElementType.Int32 => Copy(value.GetTensorDataAsSpan<int>(), ref buffer),
            TensorElementType.Int64 => Copy(value.GetTensorDataAsSpan<long>(), ref buffer),
            TensorElementType.UInt32 => Copy(value.GetTensorDataAsSpan<uint>(), ref buffer),
            TensorElementType.UInt64 => Copy(value.GetTensorDataAsSpan<ulong>(), ref buffer),
            TensorElementType.Int16 => Copy(value.GetTensorDataAsSpan<short>(), ref buffer),
            TensorElementType.UInt16 => Copy(value.GetTensorDataAsSpan<ushort>(), ref buffer),
            TensorElementType.Int8 => Copy(value.GetTensorDataAsSpan<sbyte>(), ref buffer),
            TensorElementType.UInt8 => Copy(value.GetTensorDataAsSpan<byte>(), ref buffer),
            TensorElementType.Bool => Flags(value.GetTensorDataAsSpan<bool>(), ref buffer),
            _ => -1,
        };
    }

    public static int Text(NamedOnnxValue value, TensorElementType type, ref string?[] buffer)
    {
        if (type == TensorElementType.Bool)
        {
            if (value.Value is not Tensor<bool> flags)
            {
                return -1;
            }

            var dense = flags as DenseTensor<bool> ?? flags.ToDenseTensor();
            return Flags(dense.Buffer.Span, ref buffer);
        }

        if (value.Value is not Tensor<string> strings)
        {
            return -1;
        }

        int n = (int)strings.Length;
        Grow(ref buffer, n);
        for (int i = 0; i < n; i++)
        {
            buffer[i] = strings.GetValue(i);
        }

        return n;
    }

    public static int Text(OrtValue value, TensorElementType type, ref string?[] buffer)
    {
        if (!value.IsTensor)
        {
            return -1;
        }

        if (type == TensorElementType.Bool)
        {
            return Flags(value.GetTensorDataAsSpan<bool>(), ref buffer);
        }

        int n = (int)value.GetTensorTypeAndShape().ElementCount;
        Grow(ref buffer, n);
        for (int i = 0; i < n; i++)
        {
            buffer[i] = value.GetStringElement(i);
        }

        return n;
    }

    /// <summary>
    /// Copies a sequence of maps with float or double values (ZipMap: one map of class to probability
    /// per item), each map's values in its own order (the classifier's class order); every map must
    /// hold the same number of values, <paramref name="width"/>.
    /// </summary>
    public static int Maps(NamedOnnxValue value, ref double[] buffer, out int width)
    {
        width = 0;
        if (value.Value is not IEnumerable<NamedOnnxValue> items)
        {
            return -1;
        }

        int n = 0;
        foreach (var item in items)
        {
            if (item.Value is not IDictionary map || (n > 0 && map.Count != width))
            {
                return -1;
            }

            width = map.Count;
            Resize(ref buffer, n + width);
            foreach (object? probability in map.Values)
            {
                switch (probability)
                {
                    case float f:
                        buffer[n++] = f;
                        break;
                    case double d:
                        buffer[n++] = d;
                        break;
                    default:
                        return -1;
                }
            }
        }

        return n;
    }

    /// <inheritdoc cref="Maps(NamedOnnxValue, ref double[], out int)"/>
    public static int Maps(OrtValue value, ref double[] buffer, out int width)
    {
        width = 0;
        if (value.OnnxType != OnnxValueType.ONNX_TYPE_SEQUENCE)
        {
            return -1;
        }

        var allocator = OrtAllocator.DefaultInstance;
        int rows = value.GetValueCount();
        int n = 0;
        for (int r = 0; r < rows; r++)
        {
            // A map is a pair of tensors: its keys (index 0) and its values (index 1).
            using var map = value.GetValue(r, allocator);
            if (map.OnnxType != OnnxValueType.ONNX_TYPE_MAP)
            {
                return -1;
            }

            using var values = map.GetValue(1, allocator);
            int count = values.GetTensorTypeAndShape().ElementDataType switch
            {
                TensorElementType.Float => Append(values.GetTensorDataAsSpan<float>(), ref buffer, n, r == 0 ? rows : 1),
                TensorElementType.Double => Append(values.GetTensorDataAsSpan<double>(), ref buffer, n, r == 0 ? rows : 1),
                _ => -1,
            };
            if (count < 0 || (r > 0 && count != width))
            {
                return -1;
            }

            width = count;
            n += count;
        }

        return n;
    }

    private static int Copy<T>(NamedOnnxValue value, ref double[] buffer)
        where T : unmanaged, INumberBase<T>
    {
        if (value.Value is not Tensor<T> tensor)
        {
            return -1;
        }

        var dense = tensor as DenseTensor<T> ?? tensor.ToDenseTensor();
        return Copy<T>(dense.Buffer.Span, ref buffer);
    }

    private static int Copy<T>(ReadOnlySpan<T> values, ref double[] buffer)
        where T : unmanaged, INumberBase<T>
    {
        Grow(ref buffer, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            buffer[i] = double.CreateTruncating(values[i]);
        }

        return values.Length;
    }

    private static int Flags(Tensor<bool>? tensor, ref double[] buffer)
    {
        if (tensor is null)
        {
            return -1;
        }

        var dense = tensor as DenseTensor<bool> ?? tensor.ToDenseTensor();
        return Flags(dense.Buffer.Span, ref buffer);
    }

    private static int Flags(ReadOnlySpan<bool> values, ref double[] buffer)
    {
        Grow(ref buffer, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            buffer[i] = values[i] ? 1 : 0;
        }

        return values.Length;
    }

    private static int Flags(ReadOnlySpan<bool> values, ref string?[] buffer)
    {
        Grow(ref buffer, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            buffer[i] = values[i] ? True : False;
        }

        return values.Length;
    }

    /// <summary>Writes <paramref name="values"/> at <paramref name="offset"/>, making room for <paramref name="rowsAhead"/> rows of their length.</summary>
    private static int Append<T>(ReadOnlySpan<T> values, ref double[] buffer, int offset, int rowsAhead)
        where T : unmanaged, INumberBase<T>
    {
        Resize(ref buffer, offset + (values.Length * rowsAhead));
        for (int i = 0; i < values.Length; i++)
        {
            buffer[offset + i] = double.CreateTruncating(values[i]);
        }

        return values.Length;
    }

    /// <summary>Grows <paramref name="buffer"/> keeping what it holds (the rows of maps read so far).</summary>
    private static void Resize(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            Array.Resize(ref buffer, Math.Max(length, buffer.Length * 2));
        }
    }

    /// <summary>Buffers grow to the largest batch seen and are then reused: no allocation per call after that.</summary>
    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[Math.Max(length, buffer.Length * 2)];
        }
    }
}
