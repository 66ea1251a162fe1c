namespace ModelWatch.Tests.Architecture;

/// <summary>
/// A type defined in the assembly under inspection, named as in metadata.
/// </summary>
/// <remarks>
/// <see cref="Namespace"/> is the namespace of the outermost declaring type (metadata leaves it empty
/// on nested types); <see cref="Name"/> is the path from that outermost type, joined with <c>+</c>
/// (<c>Outer+Inner</c>), so a compiler-reserved outermost name (<c>&lt;Module&gt;</c>,
/// <c>&lt;PrivateImplementationDetails&gt;</c>, file-local types) shows as a leading <c>&lt;</c>.
/// </remarks>
internal sealed record DefinedType
{
    /// <summary>The namespace of the outermost declaring type; empty for the global namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The type name, nested types as <c>Outer+Inner</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The namespace-qualified name, as printed in failure messages.</summary>
    public string FullName => Namespace.Length == 0 ? Name : Namespace + "." + Name;

    /// <summary>Whether the outermost type has a name C# reserves for the compiler (it starts with <c>&lt;</c>).</summary>
    public bool IsCompilerReserved => Name.StartsWith('<');

    public override string ToString() => FullName;
}
