namespace ModelWatch.Tests.Architecture;

/// <summary>One layer of a <see cref="LayerTable"/>: a rank and the namespaces that belong to it.</summary>
internal sealed class Layer
{
    public Layer(int rank, string name, params string[] namespaces)
    {
        Rank = rank;
        Name = name;
        Namespaces = namespaces;
    }

    /// <summary>The position from the bottom (0); a layer may use the ranks up to its own.</summary>
    public int Rank { get; }

    /// <summary>The short name used in failure messages.</summary>
    public string Name { get; }

    /// <summary>Namespaces, each exact (<c>A.B</c>) or with every sub-namespace (<c>A.B.*</c>).</summary>
    public IReadOnlyList<string> Namespaces { get; }

    /// <summary>Whether a namespace belongs to this layer.</summary>
    public bool Contains(string ns) => Namespaces.Any(pattern => Matches(pattern, ns));

    /// <summary>The same layer with every namespace under <paramref name="from"/> moved under <paramref name="to"/>; others dropped.</summary>
    public Layer Rebase(string from, string to) => new(
        Rank,
        Name,
        Namespaces
            .Where(pattern => pattern == from || pattern.StartsWith(from + ".", StringComparison.Ordinal))
            .Select(pattern => to + pattern[from.Length..])
            .ToArray());

    public override string ToString() => $"{Name} ({Rank})";

    private static bool Matches(string pattern, string ns) =>
        pattern.EndsWith(".*", StringComparison.Ordinal)
            ? ns.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : ns == pattern;
}
