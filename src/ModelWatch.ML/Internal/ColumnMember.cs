using System.Reflection;
using Microsoft.ML.Data;

namespace ModelWatch.ML.Internal;

/// <summary>
/// A public field or readable property of an ML.NET input or output class, with the column name
/// ML.NET gives it (<c>[ColumnName]</c>, else the member name).
/// </summary>
internal sealed record ColumnMember
{
    public required MemberInfo Member { get; init; }

    public required Type Type { get; init; }

    public required string ColumnName { get; init; }

    /// <summary>Gets the <c>[VectorType(n)]</c> size, or null when the member declares none (or a variable size).</summary>
    public int? VectorSize { get; init; }

    public bool Matches(string name) => string.Equals(ColumnName, name, StringComparison.Ordinal) || string.Equals(Member.Name, name, StringComparison.Ordinal);

    /// <summary>
    /// The columns of <paramref name="type"/>: public instance fields in declaration order, then
    /// public readable properties in declaration order, without <c>[NoColumn]</c> members.
    /// </summary>
    public static IReadOnlyList<ColumnMember> Of(Type type)
    {
        // Declaration order is the metadata order; GetFields/GetProperties do not promise it.
        var fields = type.GetFields(BindingFlags.Public | BindingFlags.Instance).OrderBy(f => f.MetadataToken).Select(f => Create(f, f.FieldType));
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .Select(p => Create(p, p.PropertyType));
        return [.. fields.Concat(properties).Where(m => m is not null).Select(m => m!)];
    }

    private static ColumnMember? Create(MemberInfo member, Type type)
    {
        if (member.IsDefined(typeof(NoColumnAttribute), inherit: true))
        {
            return null;
        }

        // ColumnNameAttribute keeps its name internal: read it from the constructor argument.
        string name = member.CustomAttributes
            .Where(a => a.AttributeType == typeof(ColumnNameAttribute))
            .Select(a => a.ConstructorArguments[0].Value as string)
            .FirstOrDefault() ?? member.Name;
        // So does VectorTypeAttribute its dimensions: [VectorType(n)] or [VectorType(n, m…)] (a product).
        int? size = member.CustomAttributes
            .Where(a => a.AttributeType == typeof(VectorTypeAttribute) && a.ConstructorArguments.Count == 1)
            .Select(a => Size(a.ConstructorArguments[0]))
            .FirstOrDefault();
        return new ColumnMember { Member = member, Type = type, ColumnName = name, VectorSize = size };
    }

    private static int? Size(System.Reflection.CustomAttributeTypedArgument argument)
    {
        long size = argument.Value switch
        {
            int n => n,
            IReadOnlyCollection<System.Reflection.CustomAttributeTypedArgument> dims => dims.Aggregate(1L, (p, d) => p * (int)d.Value!),
            _ => 0,
        };
        return size is > 0 and <= int.MaxValue ? (int)size : null;
    }
}
