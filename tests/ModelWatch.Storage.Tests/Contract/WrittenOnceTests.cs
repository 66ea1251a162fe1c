using ModelWatch.Persistence;

namespace ModelWatch.Storage.Tests.Contract;

/// <summary>Which entries ModelWatch writes once, so a store may write them create-only.</summary>
public sealed class WrittenOnceTests
{
    [Theory]
    [InlineData("pod-1/window/20261127T100000000Z.mwp", true)]
    [InlineData("pod-1-a/window/n42.mwp", true)]
    [InlineData("pod-1/snapshot/a.json", false)]
    [InlineData("pod-1/snapshot/b.json", false)]
    [InlineData("reference/train.mwp", false)]
    [InlineData("window/20261127T100000000Z.mwp", false)]
    [InlineData("a/b/window/x.mwp", false)]
    public void WindowProfilesOnly_AreWrittenOnce(string entry, bool once) => Assert.Equal(once, ProfileStoreKeys.IsWrittenOnce(entry));
}
