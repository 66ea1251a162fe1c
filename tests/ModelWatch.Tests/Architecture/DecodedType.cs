using System.Reflection.Metadata;

namespace ModelWatch.Tests.Architecture;

/// <summary>
/// What <see cref="ReferenceCollector"/> hands back to the metadata decoders for one type in a
/// signature or custom attribute.
/// </summary>
/// <remarks>
/// The referenced types are gathered as a side effect of decoding; this value carries only what the
/// custom attribute decoder asks about afterwards (is it <see cref="Type"/>, which primitive, which
/// enum). Constructed types (arrays, pointers, generic instantiations) decode to the default value.
/// </remarks>
internal readonly record struct DecodedType
{
    /// <summary>The type's definition or reference; nil for primitives and constructed types.</summary>
    public EntityHandle Handle { get; init; }

    /// <summary>The primitive type code, when the type is one.</summary>
    public PrimitiveTypeCode? Primitive { get; init; }

    /// <summary>The assembly-qualified name an attribute argument gave for an enum type.</summary>
    public string? SerializedName { get; init; }

    /// <summary>Whether the type is <see cref="Type"/> (attribute arguments written with <c>typeof</c>).</summary>
    public bool IsSystemType { get; init; }
}
