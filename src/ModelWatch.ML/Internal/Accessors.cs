using System.Linq.Expressions;

namespace ModelWatch.ML.Internal;

/// <summary>
/// Compiles member reads into delegates once, when a mapping is built, so that mapping a row calls
/// plain delegates: no reflection and no boxing per call.
/// </summary>
internal static class Accessors
{
    /// <summary>Reads the member and converts it to <typeparamref name="TValue"/> (a numeric conversion or a reference cast).</summary>
    public static Func<TSource, TValue> Compile<TSource, TValue>(ColumnMember column)
    {
        var source = Expression.Parameter(typeof(TSource), "source");
        Expression read = Expression.MakeMemberAccess(source, column.Member);
        if (read.Type != typeof(TValue))
        {
            read = Expression.Convert(read, typeof(TValue));
        }

        return Expression.Lambda<Func<TSource, TValue>>(read, source).Compile();
    }

    /// <summary>Reads a text member: a string as it is, ML.NET's <c>ReadOnlyMemory&lt;char&gt;</c> as a new string.</summary>
    public static Func<TSource, string?> CompileText<TSource>(ColumnMember column)
    {
        var source = Expression.Parameter(typeof(TSource), "source");
        Expression read = Expression.MakeMemberAccess(source, column.Member);
        if (read.Type == typeof(ReadOnlyMemory<char>))
        {
            read = Expression.Call(read, typeof(ReadOnlyMemory<char>).GetMethod(nameof(ToString), Type.EmptyTypes)!);
        }

        return Expression.Lambda<Func<TSource, string?>>(read, source).Compile();
    }

    public static bool IsNumber(Type type) =>
        type == typeof(float) || type == typeof(double) || type == typeof(int) || type == typeof(uint)
        || type == typeof(long) || type == typeof(ulong) || type == typeof(short) || type == typeof(ushort)
        || type == typeof(byte) || type == typeof(sbyte);

    public static bool IsText(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);
}
