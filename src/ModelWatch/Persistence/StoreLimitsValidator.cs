using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;

namespace ModelWatch.Persistence;

/// <summary>
/// Reports, with every other configuration problem, the models a store known at registration
/// (<c>UseFileStore</c>) cannot hold. A store the container builds (<c>UseStore</c>) is checked when
/// the snapshot service starts instead: building it while the models are validated would build a
/// user's type while the engine itself is being built.
/// </summary>
internal sealed class StoreLimitsValidator(IProfileStore store) : IValidateOptions<ModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = StoreLimits.Check(store, name ?? "", options.Version);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
