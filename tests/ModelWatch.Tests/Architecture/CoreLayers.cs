namespace ModelWatch.Tests.Architecture;

/// <summary>
/// The layers of the core assembly (ModelWatch.dll), bottom to top. This table is the rule;
/// docs/architecture.md draws it.
/// </summary>
/// <remarks>
/// <para>
/// The rule: code may use types of its own layer and of the layers below it, never of a layer above.
/// Each layer is then usable, testable and understandable without the ones above it: statistics need
/// only the BCL, detectors need no runtime, the runtime needs no file format, and only the top layer
/// wires it all into a host. A namespace that appears in the assembly must be listed here (or
/// be generator output, below) before the tests pass.
/// </para>
/// <para>
/// Generated code: <c>[LoggerMessage]</c>, <c>[JsonSerializable]</c> and <c>[OptionsValidator]</c>
/// partial classes, lambdas, async and iterator state machines and file-local types live in the
/// namespace (or inside the type) of the code that asked for them and so share its layer. What
/// compilers and generators put in namespaces of their own, under compiler-reserved names
/// (<c>&lt;PrivateImplementationDetails&gt;</c>, collection-expression list types, the
/// configuration binder's interceptors, the options validators' shared instances), is neutral
/// plumbing, not checked in either direction. A type with an ordinary name in one of these
/// namespaces, or generated code in a namespace not listed, is reported as unassigned.
/// </para>
/// </remarks>
internal static class CoreLayers
{
    public static LayerTable Table { get; } = new(
        layers:
        [
            new Layer(0, "Internal", "ModelWatch.Internal"),
            new Layer(1, "Statistics", "ModelWatch.Statistics"),
            new Layer(2, "Drift", "ModelWatch.Drift"),
            new Layer(3, "Estimation", "ModelWatch.Estimation"),
            new Layer(4, "Monitoring", "ModelWatch.Monitoring", "ModelWatch.Monitoring.*"),
            new Layer(5, "Profiles", "ModelWatch.Profiles"),
            new Layer(6, "Persistence", "ModelWatch.Persistence"),
            new Layer(7, "Reporting", "ModelWatch.Reporting"),
            new Layer(8, "DependencyInjection", "ModelWatch.DependencyInjection", "Microsoft.Extensions.DependencyInjection"),
        ],
        generatorNamespaces:
        [
            "",                                                          // C# compiler: <Module>, <PrivateImplementationDetails>, <>z__ReadOnlyList`1…
            "System.Runtime.CompilerServices",                           // InterceptsLocationAttribute, emitted file-local by the binder generator
            "Microsoft.Extensions.Configuration.Binder.SourceGeneration", // EnableConfigurationBindingGenerator
            "__OptionValidationGeneratedAttributes",                     // [OptionsValidator]
            "__OptionValidationStaticInstances",                         // [OptionsValidator]
            "System.Text.RegularExpressions.Generated",                  // [GeneratedRegex]
        ]);
}
