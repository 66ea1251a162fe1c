using ModelWatch.Statistics;

namespace ModelWatch.Tests.Architecture;

/// <summary>
/// The core assembly keeps its layers one-way (<see cref="CoreLayers"/>; docs/architecture.md), checked
/// on the compiled ModelWatch.dll from metadata and IL, so a reference hidden in a method body, a lambda
/// or generated code counts as much as one in a signature.
/// </summary>
public sealed class LayeringTests
{
    private const string FixtureRoot = "ModelWatch.Tests.Architecture.Fixture";

    private static readonly Lazy<IReadOnlyDictionary<DefinedType, IReadOnlySet<DefinedType>>> Core =
        new(() => TypeDependencyReader.Read(typeof(Moments).Assembly.Location));

    private static readonly Lazy<IReadOnlyDictionary<DefinedType, IReadOnlySet<DefinedType>>> Tests =
        new(() => TypeDependencyReader.Read(typeof(LayeringTests).Assembly.Location));

    // The same table, applied to the Fixture/Statistics and Fixture/Monitoring types of this assembly.
    private static readonly LayerTable FixtureTable = CoreLayers.Table.Rebase("ModelWatch", FixtureRoot);

    [Fact]
    public void CoreAssembly_EveryReference_PointsToItsOwnOrALowerLayer()
    {
        var violations = CoreLayers.Table.FindViolations(Core.Value);

        Assert.True(
            violations.Count == 0,
            $"{violations.Count} references point to a higher layer (a layer may use only itself and the layers below it; see docs/architecture.md):"
            + Environment.NewLine + LayerViolation.Describe(violations));
    }

    [Fact]
    public void CoreAssembly_EveryNamespace_IsAssignedToALayer()
    {
        var unassigned = CoreLayers.Table.Unassigned(Core.Value.Keys)
            .GroupBy(t => t.Namespace.Length == 0 ? "(global namespace)" : t.Namespace)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"  {g.Key}: {string.Join(", ", g.Select(t => t.Name).Order(StringComparer.Ordinal))}")
            .ToList();

        Assert.True(
            unassigned.Count == 0,
            "These namespaces are in no layer; place each in CoreLayers.Table (or, for generator output, its generator namespaces) on purpose:"
            + Environment.NewLine + string.Join(Environment.NewLine, unassigned));
    }

    [Fact]
    public void Checker_InjectedBackReferences_ReportsExactlyThose()
    {
        var violations = FixtureTable.FindViolations(Tests.Value).Select(v => v.ToString()).Order(StringComparer.Ordinal);

        string[] expected =
        [
            $"{FixtureRoot}.Statistics.CallsUp -> {FixtureRoot}.Monitoring.CalledMonitor",     // IL only
            $"{FixtureRoot}.Statistics.CapturesUp -> {FixtureRoot}.Monitoring.CapturedMonitor", // inside a lambda
            $"{FixtureRoot}.Statistics.HoldsUp -> {FixtureRoot}.Monitoring.HeldMonitor",       // signatures only
        ];
        Assert.Equal(expected, violations);
    }

    [Fact]
    public void Checker_DownwardReference_IsSeenButAllowed()
    {
        var countsDown = Fixture("Monitoring", "CountsDown");
        var counter = Fixture("Statistics", "Counter");

        Assert.Contains(counter, Tests.Value[countsDown]);
        Assert.Equal(4, FixtureTable.LayerOf(countsDown)?.Rank);
        Assert.Equal(1, FixtureTable.LayerOf(counter)?.Rank);
        Assert.DoesNotContain(FixtureTable.FindViolations(Tests.Value), v => v.Source == countsDown);
        Assert.Empty(FixtureTable.Unassigned(Tests.Value.Keys));
    }

    [Fact]
    public void Describe_Violations_GroupsThemByLayerPair()
    {
        var violations = FixtureTable.FindViolations(Tests.Value);

        string text = LayerViolation.Describe(violations);

        Assert.Equal(
            [
                "Statistics (1) -> Monitoring (4):",
                $"  {FixtureRoot}.Statistics.CallsUp -> {FixtureRoot}.Monitoring.CalledMonitor",
                $"  {FixtureRoot}.Statistics.CapturesUp -> {FixtureRoot}.Monitoring.CapturedMonitor",
                $"  {FixtureRoot}.Statistics.HoldsUp -> {FixtureRoot}.Monitoring.HeldMonitor",
            ],
            text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    private static DefinedType Fixture(string layer, string name) => new() { Namespace = FixtureRoot + "." + layer, Name = name };
}
