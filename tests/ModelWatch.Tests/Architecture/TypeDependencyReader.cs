using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ModelWatch.Tests.Architecture;

/// <summary>
/// Reads an assembly file's metadata and IL and tells, for every type defined in it, which other types
/// of the same assembly it references.
/// </summary>
/// <remarks>
/// <para>
/// A type references what its base type, interfaces, generic constraints, fields, method, property
/// and event signatures, custom attributes (including <c>typeof</c> arguments) and nested types
/// name, plus what its method bodies name: local variable types, catch types and the token of every
/// IL instruction that has one. A method or field token counts as a reference to its declaring type
/// (and to the type arguments of a generic instantiation); the types in that member's signature are
/// the declaring type's own dependencies.
/// </para>
/// <para>
/// Compiler-generated nested types (a name starting with <c>&lt;</c>: lambda display classes and
/// caches, async state machines, iterators) are folded into their enclosing type, both as the source
/// and as the target of a reference. Other nested types stay types of their own. References from a
/// type to itself are dropped; assembly- and module-level attributes belong to no type and are not read.
/// </para>
/// </remarks>
internal static class TypeDependencyReader
{
    /// <summary>Every type of the assembly (compiler-generated nested types folded) and the types it references.</summary>
    public static IReadOnlyDictionary<DefinedType, IReadOnlySet<DefinedType>> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();

        var names = new Dictionary<TypeDefinitionHandle, DefinedType>();
        var owners = new Dictionary<TypeDefinitionHandle, TypeDefinitionHandle>();
        foreach (var handle in reader.TypeDefinitions)
        {
            names[handle] = Describe(reader, handle);
            owners[handle] = Owner(reader, handle);
        }

        var byFullName = names.ToDictionary(pair => pair.Value.FullName, pair => pair.Key, StringComparer.Ordinal);
        var collector = new ReferenceCollector(reader, byFullName);
        var found = new Dictionary<TypeDefinitionHandle, HashSet<TypeDefinitionHandle>>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var owner = owners[handle];
            if (!found.TryGetValue(owner, out var sink))
            {
                found[owner] = sink = [];
            }

            collector.Sink = sink;
            Visit(pe, reader, collector, handle);
        }

        var result = new Dictionary<DefinedType, IReadOnlySet<DefinedType>>();
        foreach (var (owner, targets) in found)
        {
            result[names[owner]] = targets
                .Select(target => owners[target])
                .Where(target => target != owner)
                .Select(target => names[target])
                .ToHashSet();
        }

        return result;
    }

    private static DefinedType Describe(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        string name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (declaring.IsNil)
        {
            return new DefinedType { Namespace = reader.GetString(type.Namespace), Name = name };
        }

        var outer = Describe(reader, declaring);
        return outer with { Name = outer.Name + "+" + name };
    }

    /// <summary>The type a compiler-generated nested type is folded into; any other type owns itself.</summary>
    private static TypeDefinitionHandle Owner(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        return !declaring.IsNil && reader.GetString(type.Name).StartsWith('<') ? Owner(reader, declaring) : handle;
    }

    private static void Visit(PEReader pe, MetadataReader reader, ReferenceCollector collector, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        if (!type.BaseType.IsNil)
        {
            collector.AddType(type.BaseType);
        }

        foreach (var implementationHandle in type.GetInterfaceImplementations())
        {
            var implementation = reader.GetInterfaceImplementation(implementationHandle);
            collector.AddType(implementation.Interface);
            AddAttributes(collector, implementation.GetCustomAttributes());
        }

        AddGenericParameters(reader, collector, type.GetGenericParameters());
        AddAttributes(collector, type.GetCustomAttributes());
        foreach (var nested in type.GetNestedTypes())
        {
            collector.Sink.Add(nested);
        }

        foreach (var fieldHandle in type.GetFields())
        {
            var field = reader.GetFieldDefinition(fieldHandle);
            field.DecodeSignature(collector, null);
            AddAttributes(collector, field.GetCustomAttributes());
        }

        foreach (var methodHandle in type.GetMethods())
        {
            var method = reader.GetMethodDefinition(methodHandle);
            method.DecodeSignature(collector, null);
            AddAttributes(collector, method.GetCustomAttributes());
            foreach (var parameterHandle in method.GetParameters())
            {
                AddAttributes(collector, reader.GetParameter(parameterHandle).GetCustomAttributes());
            }

            AddGenericParameters(reader, collector, method.GetGenericParameters());
            if (method.RelativeVirtualAddress != 0)
            {
                AddBody(reader, collector, pe.GetMethodBody(method.RelativeVirtualAddress));
            }
        }

        foreach (var implementationHandle in type.GetMethodImplementations())
        {
            // Explicit interface implementations and overrides name the method they implement.
            var implementation = reader.GetMethodImplementation(implementationHandle);
            collector.AddMember(implementation.MethodBody);
            collector.AddMember(implementation.MethodDeclaration);
        }

        foreach (var propertyHandle in type.GetProperties())
        {
            var property = reader.GetPropertyDefinition(propertyHandle);
            property.DecodeSignature(collector, null);
            AddAttributes(collector, property.GetCustomAttributes());
        }

        foreach (var eventHandle in type.GetEvents())
        {
            var definition = reader.GetEventDefinition(eventHandle);
            collector.AddType(definition.Type);
            AddAttributes(collector, definition.GetCustomAttributes());
        }
    }

    private static void AddBody(MetadataReader reader, ReferenceCollector collector, MethodBodyBlock body)
    {
        if (!body.LocalSignature.IsNil)
        {
            reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(collector, null);
        }

        foreach (var region in body.ExceptionRegions)
        {
            if (region.Kind == ExceptionRegionKind.Catch)
            {
                collector.AddType(region.CatchType);
            }
        }

        foreach (var token in IlTokens.Read(body))
        {
            collector.AddMember(token);
        }
    }

    private static void AddGenericParameters(MetadataReader reader, ReferenceCollector collector, GenericParameterHandleCollection parameters)
    {
        foreach (var parameterHandle in parameters)
        {
            var parameter = reader.GetGenericParameter(parameterHandle);
            AddAttributes(collector, parameter.GetCustomAttributes());
            foreach (var constraintHandle in parameter.GetConstraints())
            {
                var constraint = reader.GetGenericParameterConstraint(constraintHandle);
                collector.AddType(constraint.Type);
                AddAttributes(collector, constraint.GetCustomAttributes());
            }
        }
    }

    private static void AddAttributes(ReferenceCollector collector, CustomAttributeHandleCollection attributes)
    {
        foreach (var attribute in attributes)
        {
            collector.AddAttribute(attribute);
        }
    }
}
