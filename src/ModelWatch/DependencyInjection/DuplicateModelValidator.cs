using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;

namespace ModelWatch.DependencyInjection;

/// <summary>Reports model names declared more than once (in code or configuration) at start-up.</summary>
internal sealed class DuplicateModelValidator(IEnumerable<ModelRegistration> registrations) : IValidateOptions<ModelWatchOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelWatchOptions options)
    {
        var duplicates = registrations.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return duplicates.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(duplicates.Select(d => $"Model '{d}' is declared {registrations.Count(r => r.Name == d)} times; declare each model once (add versions at run time with IModelWatch.AddModel)."));
    }
}
