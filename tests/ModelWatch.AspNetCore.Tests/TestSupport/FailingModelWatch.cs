using System.Reflection;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Tests.TestSupport;

/// <summary>An <see cref="IModelWatch"/> every member of which throws, to make every route's handler fail.</summary>
#pragma warning disable CA1852 // DispatchProxy derives a type from it at run time.
internal class FailingModelWatch : DispatchProxy
#pragma warning restore CA1852
{
    public static IModelWatch Create() => DispatchProxy.Create<IModelWatch, FailingModelWatch>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new InvalidOperationException($"secret detail of {targetMethod?.Name}");
}
