using System.Text;

namespace ModelWatch.Tests.Architecture;

/// <summary>A reference from a type to a type in a higher layer.</summary>
internal sealed record LayerViolation
{
    public required DefinedType Source { get; init; }

    public required Layer SourceLayer { get; init; }

    public required DefinedType Target { get; init; }

    public required Layer TargetLayer { get; init; }

    public override string ToString() => $"{Source} -> {Target}";

    /// <summary>Every violation as <c>Namespace.Type -> Namespace.OtherType</c>, grouped by layer pair, lowest source layer first.</summary>
    public static string Describe(IEnumerable<LayerViolation> violations)
    {
        var text = new StringBuilder();
        var groups = violations
            .GroupBy(v => (From: v.SourceLayer, To: v.TargetLayer))
            .OrderBy(g => g.Key.From.Rank)
            .ThenBy(g => g.Key.To.Rank);
        foreach (var group in groups)
        {
            text.Append(group.Key.From).Append(" -> ").Append(group.Key.To).Append(':').AppendLine();
            foreach (var line in group.Select(v => v.ToString()).Order(StringComparer.Ordinal))
            {
                text.Append("  ").AppendLine(line);
            }
        }

        return text.ToString();
    }
}
