using ModelWatch.Tests.Architecture.ReaderFixture;

namespace ModelWatch.Tests.Architecture;

/// <summary>
/// The dependency reader finds a reference whichever way the code makes it (ReaderFixture/ReferenceKinds.cs
/// holds one type per way), and folds compiler-generated types into the type they were generated for.
/// </summary>
public sealed class TypeDependencyReaderTests
{
    private static readonly IReadOnlyDictionary<DefinedType, IReadOnlySet<DefinedType>> Dependencies =
        TypeDependencyReader.Read(typeof(TypeDependencyReaderTests).Assembly.Location);

    [Theory]
    [InlineData("ViaBaseType", "Target")]
    [InlineData("ViaInterface", "ITarget")]
    [InlineData("ViaTypeConstraint`1", "Target")]
    [InlineData("ViaMethodConstraint", "Target")]
    [InlineData("ViaGenericArgumentInProperty", "Target")]
    [InlineData("ViaParameter", "Target")]
    [InlineData("ViaReturnType", "Target")]
    [InlineData("ViaEvent", "Target")]
    [InlineData("ViaAttributeOnType", "TargetAttribute")]
    [InlineData("ViaTypeofArgument", "Target")]
    [InlineData("ViaEnumArgument", "TargetKind")]
    [InlineData("ViaNewobj", "Target")]
    [InlineData("ViaStaticCall", "Target")]
    [InlineData("ViaStaticField", "Target")]
    [InlineData("ViaIsinst", "Target")]
    [InlineData("ViaCastclass", "Target")]
    [InlineData("ViaBox", "TargetValue")]
    [InlineData("ViaLdtoken", "Target")]
    [InlineData("ViaNewarr", "Target")]
    [InlineData("ViaGenericMethodArgument", "Target")]
    [InlineData("ViaCatch", "TargetException")]
    [InlineData("ViaLambda", "Target")]
    [InlineData("ViaMethodGroup", "Target")]
    [InlineData("ViaAsync", "Target")]
    [InlineData("ViaIterator", "Target")]
    [InlineData("ViaNestedType", "ViaNestedType+Inner")]
    public void Read_ReferenceKind_IsFound(string user, string target)
    {
        var references = Dependencies[Kind(user)];

        Assert.Contains(Kind(target), references);
    }

    [Fact]
    public void Read_TypeWithoutReferences_FindsNone()
    {
        Assert.Empty(Dependencies[Kind("ViaNothing")]);
    }

    [Fact]
    public void Read_CompilerGeneratedNestedTypes_AreFoldedIntoTheirEnclosingType()
    {
        // Lambdas, method-group caches, async and iterator state machines are nested types named <…>.
        Assert.DoesNotContain(Dependencies.Keys, t => t.Name.Contains("+<", StringComparison.Ordinal));
        Assert.DoesNotContain(Dependencies.Values.SelectMany(v => v), t => t.Name.Contains("+<", StringComparison.Ordinal));
    }

    private static DefinedType Kind(string name) => new()
    {
        Namespace = typeof(ReferenceKinds).Namespace!,
        Name = nameof(ReferenceKinds) + "+" + name,
    };
}
