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

    /// <summary>Buffers grow to the largest batch seen and are then reused: no allocation per call after that.</summary>
    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[Math.Max(length, buffer.Length * 2)];
        }
    }
}
