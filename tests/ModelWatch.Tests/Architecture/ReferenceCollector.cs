using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;

namespace ModelWatch.Tests.Architecture;

/// <summary>
/// Decodes signature blobs and custom attribute values and adds every type of the inspected assembly
/// they mention to <see cref="Sink"/>.
/// </summary>
/// <remarks>
/// One instance serves a whole assembly; <see cref="TypeDependencyReader"/> points <see cref="Sink"/>
/// at the set of the type it is visiting. Generic parameters decode to nothing (they name no type);
/// a generic instantiation adds its definition and each argument, an array or pointer its element.
/// </remarks>
internal sealed class ReferenceCollector :
    ISignatureTypeProvider<DecodedType, object?>,
    ICustomAttributeTypeProvider<DecodedType>
{
    private readonly MetadataReader _reader;
    private readonly IReadOnlyDictionary<string, TypeDefinitionHandle> _byFullName;
    private readonly string _assemblyName;

    public ReferenceCollector(MetadataReader reader, IReadOnlyDictionary<string, TypeDefinitionHandle> byFullName)
    {
        _reader = reader;
        _byFullName = byFullName;
        _assemblyName = reader.GetString(reader.GetAssemblyDefinition().Name);
    }

    /// <summary>Where found types go; replaced by the caller for each type it visits.</summary>
    public HashSet<TypeDefinitionHandle> Sink { get; set; } = [];

    /// <summary>Adds the type a TypeDef, TypeRef or TypeSpec handle names (and, for a TypeSpec, its parts).</summary>
    public void AddType(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                Sink.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeReference:
                GetTypeFromReference(_reader, (TypeReferenceHandle)handle, 0);
                break;
            case HandleKind.TypeSpecification:
                GetTypeFromSpecification(_reader, null, (TypeSpecificationHandle)handle, 0);
                break;
        }
    }

    /// <summary>Adds the types a custom attribute names: its own type and every <c>typeof</c> argument.</summary>
    public void AddAttribute(CustomAttributeHandle handle)
    {
        var attribute = _reader.GetCustomAttribute(handle);
        AddMember(attribute.Constructor);
        // typeof arguments are stored as serialized names; decoding the value resolves them.
        attribute.DecodeValue(this);
    }

    /// <summary>
    /// Adds the type that declares a method or field token (plus the type arguments of a generic
    /// instantiation), or the type a type token names.
    /// </summary>
    /// <remarks>
    /// The member's own signature is not decoded here: the types in it are dependencies of the
    /// declaring type and are found when that type is visited.
    /// </remarks>
    public void AddMember(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                Sink.Add(_reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.FieldDefinition:
                Sink.Add(_reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                var parent = _reader.GetMemberReference((MemberReferenceHandle)handle).Parent;
                if (parent.Kind == HandleKind.MethodDefinition)
                {
                    AddMember(parent); // a vararg call site
                }
                else
                {
                    AddType(parent); // ModuleReference parents (global members of other modules) name no type
                }

                break;
            case HandleKind.MethodSpecification:
                var spec = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                AddMember(spec.Method);
                spec.DecodeSignature(this, null);
                break;
            case HandleKind.StandaloneSignature: // calli
                _reader.GetStandaloneSignature((StandaloneSignatureHandle)handle).DecodeMethodSignature(this, null);
                break;
            default:
                AddType(handle);
                break;
        }
    }

    public DecodedType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        Sink.Add(handle);
        return new DecodedType { Handle = handle };
    }

    public DecodedType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        if (TryResolveOwn(handle, out var definition))
        {
            Sink.Add(definition);
        }

        var reference = reader.GetTypeReference(handle);
        bool isSystemType = reader.StringComparer.Equals(reference.Namespace, "System")
            && reader.StringComparer.Equals(reference.Name, "Type");
        return new DecodedType { Handle = handle, IsSystemType = isSystemType };
    }

    public DecodedType GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public DecodedType GetPrimitiveType(PrimitiveTypeCode typeCode) => new() { Primitive = typeCode };

    public DecodedType GetSZArrayType(DecodedType elementType) => default;

    public DecodedType GetArrayType(DecodedType elementType, ArrayShape shape) => default;

    public DecodedType GetByReferenceType(DecodedType elementType) => default;

    public DecodedType GetPointerType(DecodedType elementType) => default;

    public DecodedType GetPinnedType(DecodedType elementType) => default;

    public DecodedType GetFunctionPointerType(MethodSignature<DecodedType> signature) => default;

    public DecodedType GetGenericInstantiation(DecodedType genericType, ImmutableArray<DecodedType> typeArguments) => default;

    public DecodedType GetGenericMethodParameter(object? genericContext, int index) => default;

    public DecodedType GetGenericTypeParameter(object? genericContext, int index) => default;

    public DecodedType GetModifiedType(DecodedType modifier, DecodedType unmodifiedType, bool isRequired) => unmodifiedType;

    public DecodedType GetSystemType() => new() { IsSystemType = true };

    public bool IsSystemType(DecodedType type) => type.IsSystemType;

    public DecodedType GetTypeFromSerializedName(string name)
    {
        AddSerializedName(TypeName.Parse(name.AsSpan()));
        return new DecodedType { SerializedName = name };
    }

    public PrimitiveTypeCode GetUnderlyingEnumType(DecodedType type)
    {
        if (type.Handle.Kind == HandleKind.TypeDefinition)
        {
            return OwnEnumUnderlyingType((TypeDefinitionHandle)type.Handle);
        }

        if (type.Handle.Kind == HandleKind.TypeReference)
        {
            var reference = (TypeReferenceHandle)type.Handle;
            return TryResolveOwn(reference, out var own)
                ? OwnEnumUnderlyingType(own)
                : RuntimeEnumUnderlyingType(AssemblyQualifiedName(reference));
        }

        if (type.SerializedName is { } serialized)
        {
            var name = TypeName.Parse(serialized.AsSpan());
            return IsOwnAssembly(name) && _byFullName.TryGetValue(name.FullName, out var own)
                ? OwnEnumUnderlyingType(own)
                : RuntimeEnumUnderlyingType(serialized);
        }

        throw new InvalidOperationException($"An attribute argument has an enum type the reader cannot identify ({type}).");
    }

    private void AddSerializedName(TypeName name)
    {
        if (name.IsConstructedGenericType)
        {
            AddSerializedName(name.GetGenericTypeDefinition());
            foreach (var argument in name.GetGenericArguments())
            {
                AddSerializedName(argument);
            }
        }
        else if (name.IsArray || name.IsPointer || name.IsByRef)
        {
            AddSerializedName(name.GetElementType());
        }
        else if (IsOwnAssembly(name) && _byFullName.TryGetValue(name.FullName, out var definition))
        {
            Sink.Add(definition);
        }
    }

    private bool IsOwnAssembly(TypeName name) =>
        name.AssemblyName is null || string.Equals(name.AssemblyName.Name, _assemblyName, StringComparison.Ordinal);

    /// <summary>A TypeRef resolves into this assembly when its outermost scope is this module or this assembly.</summary>
    private bool TryResolveOwn(TypeReferenceHandle handle, out TypeDefinitionHandle definition)
    {
        definition = default;
        var scope = OutermostScope(handle);
        bool own = scope.Kind == HandleKind.ModuleDefinition
            || (scope.Kind == HandleKind.AssemblyReference
                && _reader.StringComparer.Equals(_reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name, _assemblyName));
        return own && _byFullName.TryGetValue(FullName(handle), out definition);
    }

    private EntityHandle OutermostScope(TypeReferenceHandle handle)
    {
        var scope = _reader.GetTypeReference(handle).ResolutionScope;
        return scope.Kind == HandleKind.TypeReference ? OutermostScope((TypeReferenceHandle)scope) : scope;
    }

    private string FullName(TypeReferenceHandle handle)
    {
        var reference = _reader.GetTypeReference(handle);
        string name = _reader.GetString(reference.Name);
        if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return FullName((TypeReferenceHandle)reference.ResolutionScope) + "+" + name;
        }

        string ns = _reader.GetString(reference.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private string AssemblyQualifiedName(TypeReferenceHandle handle)
    {
        var scope = OutermostScope(handle);
        return scope.Kind == HandleKind.AssemblyReference
            ? FullName(handle) + ", " + _reader.GetString(_reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)
            : FullName(handle);
    }

    /// <summary>An enum's underlying type is the type of its one instance field (<c>value__</c>).</summary>
    private PrimitiveTypeCode OwnEnumUnderlyingType(TypeDefinitionHandle handle)
    {
        foreach (var fieldHandle in _reader.GetTypeDefinition(handle).GetFields())
        {
            var field = _reader.GetFieldDefinition(fieldHandle);
            if ((field.Attributes & FieldAttributes.Static) == 0
                && field.DecodeSignature(this, null).Primitive is { } primitive)
            {
                return primitive;
            }
        }

        throw new InvalidOperationException($"Type {_reader.GetString(_reader.GetTypeDefinition(handle).Name)} is used as an enum but has no value field.");
    }

    /// <summary>An enum from another assembly: the test process has every dependency loaded or loadable.</summary>
    private static PrimitiveTypeCode RuntimeEnumUnderlyingType(string assemblyQualifiedName)
    {
        var type = Type.GetType(assemblyQualifiedName, throwOnError: true)!;
        return Type.GetTypeCode(Enum.GetUnderlyingType(type)) switch
        {
            TypeCode.SByte => PrimitiveTypeCode.SByte,
            TypeCode.Byte => PrimitiveTypeCode.Byte,
            TypeCode.Int16 => PrimitiveTypeCode.Int16,
            TypeCode.UInt16 => PrimitiveTypeCode.UInt16,
            TypeCode.Int32 => PrimitiveTypeCode.Int32,
            TypeCode.UInt32 => PrimitiveTypeCode.UInt32,
            TypeCode.Int64 => PrimitiveTypeCode.Int64,
            TypeCode.UInt64 => PrimitiveTypeCode.UInt64,
            TypeCode.Char => PrimitiveTypeCode.Char,
            TypeCode.Boolean => PrimitiveTypeCode.Boolean,
            var other => throw new InvalidOperationException($"{assemblyQualifiedName} has underlying type {other}."),
        };
    }
}
