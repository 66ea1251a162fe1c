using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// A model name that could not be served (reached through a URL, shown on a page, in a log or a
/// terminal) is refused where models are declared: at start-up with the other configuration
/// problems, and by <see cref="IModelWatch.AddModel"/> at run time.
/// </summary>
/// <remarks>The cases are enumerated when the tests run, not at discovery, where the runner would carry lone surrogates as U+FFFD.</remarks>
public sealed class ModelNamesTests
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 1, rows: 200);

    public static TheoryData<string> ServableNames => new()
    {
        "fraud", "team/fraud", "..", ".", "50%", "%2F", "my model", "café", "模型", "😀", "what?x=1", "a#b", "a\\b", "<b>",
        new string('x', ModelNames.MaxLength),
        new string('語', ModelNames.MaxLength),
        string.Concat(Enumerable.Repeat("😀", ModelNames.MaxLength / 2)),
    };

    public static TheoryData<string, string> UnservableNames => new()
    {
        { new string('x', ModelNames.MaxLength + 1), "is 257 characters long; at most 256 are allowed" },
        { new string('x', 10_000), "is 10,000 characters long" },
        { "a\0b", "(U+0000 at index 1)" },
        { "\u001b[31mred", "(U+001B at index 0)" },
        { "tab\there", "(U+0009 at index 3)" },
        { "line\nbreak", "(U+000A at index 4)" },
        { "del\u007f", "(U+007F at index 3)" },
        { "c1\u0085", "(U+0085 at index 2)" },
        { "high\ud800", "(U+D800 at index 4)" },
        { "\udc00low", "(U+DC00 at index 0)" },
        { "swapped\ude00\ud83d", "(U+DE00 at index 7)" },
        { "non\uffff", "(U+FFFF at index 3)" },
        { "non\ufffe", "(U+FFFE at index 3)" },
    };

    [Theory]
    [MemberData(nameof(ServableNames), DisableDiscoveryEnumeration = true)]
    public void Check_ServableName_AddsNoProblem(string name)
    {
        var errors = new List<string>();

        ModelNames.Check(name, errors);

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(UnservableNames), DisableDiscoveryEnumeration = true)]
    public void AddModel_UnservableName_IsRefusedAtStartUpAndAtRunTime(string name, string expected)
    {
        var registration = new ServiceCollection();
        registration.AddModelWatch().AddModel(name, m => m.Numeric("f0").Reference(Reference));
        using var provider = registration.BuildServiceProvider();
        var atStart = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelWatch>().Models);
        Assert.Contains(expected, string.Join("\n", atStart.Failures), StringComparison.Ordinal);

        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0").Reference(Reference));
        using var _s = services;
        var atRunTime = Assert.Throws<OptionsValidationException>(() => watch.AddModel(name, m => m.Numeric("f0").Reference(Reference)));
        Assert.Contains(expected, string.Join("\n", atRunTime.Failures), StringComparison.Ordinal);
        Assert.Equal(["m"], watch.Models.Select(m => m.Name));
    }

    [Theory]
    [MemberData(nameof(ServableNames), DisableDiscoveryEnumeration = true)]
    public void AddModel_ServableName_IsAccepted(string name)
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0").Reference(Reference));
        using var _s = services;

        watch.AddModel(name, m => m.Numeric("f0").Reference(Reference));

        Assert.Contains(name, watch.Models.Select(m => m.Name));
    }

    [Fact]
    public void RefusedNames_AreQuotedEscapedAndCut_InTheConfigurationMessages()
    {
        string escape = "fraud\u001b[2J\u001b[1;1Hdataset: no drift";
        string huge = new('x', 10_000);
        foreach (string name in new[] { escape, huge })
        {
            var (services, watch, _) = TestModels.Create(m => m.Numeric("f0").Reference(Reference));
            using var _s = services;
            var refused = Assert.Throws<OptionsValidationException>(() => watch.AddModel(name, m => m.Numeric("f0").Reference(Reference)));
            foreach (string failure in refused.Failures)
            {
                Assert.DoesNotContain('\u001b', failure);
                Assert.True(failure.Length < 400, $"a failure of {failure.Length} characters quotes the whole name");
            }
        }

        Assert.Equal("fraud\\u001B[2J\\u001B[1;1Hdataset: no drift", ModelNames.ForMessage(escape));
        Assert.Equal(new string('x', 64) + "…", ModelNames.ForMessage(huge));
        Assert.Equal("team/fraud", ModelNames.ForMessage("team/fraud"));
    }
}
