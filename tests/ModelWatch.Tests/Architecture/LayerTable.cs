namespace ModelWatch.Tests.Architecture;

/// <summary>
/// Assigns namespaces to ranked layers and finds references that point up the ranks.
/// </summary>
/// <remarks>
/// A type belongs to the layer of its namespace; a nested type has the namespace of its outermost
/// declaring type, so it shares that type's layer. A type with a compiler-reserved name in the global
/// namespace or in one of <see cref="GeneratorNamespaces"/> is neutral: it is in no layer, and
/// references from or to it are not checked. Any other type outside every layer is reported by
/// <see cref="Unassigned"/>, so a new namespace (or unexpected generated code) has to be placed on
/// purpose.
/// </remarks>
internal sealed class LayerTable
{
    public LayerTable(IReadOnlyList<Layer> layers, IReadOnlyList<string> generatorNamespaces, string? scope = null)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i].Rank != i)
            {
                throw new ArgumentException($"Layer {layers[i]} is listed at position {i}: list layers bottom to top.", nameof(layers));
            }
        }

        string? twice = layers.SelectMany(l => l.Namespaces).GroupBy(ns => ns).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (twice is not null)
        {
            throw new ArgumentException($"Namespace {twice} is in more than one layer.", nameof(layers));
        }

        Layers = layers;
        GeneratorNamespaces = generatorNamespaces;
        Scope = scope;
    }

    /// <summary>The layers, bottom (rank 0) to top.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Namespaces where compilers and source generators put their own types ("" is the global namespace).</summary>
    public IReadOnlyList<string> GeneratorNamespaces { get; }

    /// <summary>When set, only types in this namespace or below it are looked at; the rest of the assembly is ignored.</summary>
    public string? Scope { get; }

    /// <summary>
    /// The same table for a copy of the layout under another root namespace (test fixtures): layer
    /// namespaces under <paramref name="from"/> move under <paramref name="to"/>, and only types under
    /// <paramref name="to"/> are looked at.
    /// </summary>
    public LayerTable Rebase(string from, string to) =>
        new(Layers.Select(l => l.Rebase(from, to)).ToArray(), GeneratorNamespaces, scope: to);

    /// <summary>The layer of a type, or null when it is neutral, unassigned or out of scope.</summary>
    public Layer? LayerOf(DefinedType type) =>
        InScope(type) ? Layers.FirstOrDefault(l => l.Contains(type.Namespace)) : null;

    /// <summary>Whether a type is compiler or generator plumbing that belongs to no layer.</summary>
    public bool IsNeutral(DefinedType type) =>
        InScope(type) && type.IsCompilerReserved && LayerOf(type) is null && GeneratorNamespaces.Contains(type.Namespace);

    /// <summary>Types in scope that are in no layer and not neutral.</summary>
    public IEnumerable<DefinedType> Unassigned(IEnumerable<DefinedType> types) =>
        types.Where(t => InScope(t) && LayerOf(t) is null && !IsNeutral(t));

    /// <summary>Every reference from a type to a type in a higher layer.</summary>
    public IReadOnlyList<LayerViolation> FindViolations(IReadOnlyDictionary<DefinedType, IReadOnlySet<DefinedType>> dependencies)
    {
        var violations = new List<LayerViolation>();
        foreach (var (source, targets) in dependencies)
        {
            if (LayerOf(source) is not { } sourceLayer)
            {
                continue;
            }

            foreach (var target in targets)
            {
                if (LayerOf(target) is { } targetLayer && targetLayer.Rank > sourceLayer.Rank)
                {
                    violations.Add(new LayerViolation { Source = source, SourceLayer = sourceLayer, Target = target, TargetLayer = targetLayer });
                }
            }
        }

        return violations;
    }

    private bool InScope(DefinedType type) =>
        Scope is null || type.Namespace == Scope || type.Namespace.StartsWith(Scope + ".", StringComparison.Ordinal);
}
