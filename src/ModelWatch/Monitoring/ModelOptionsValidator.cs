using Microsoft.Extensions.Options;

namespace ModelWatch.Monitoring;

/// <summary>
/// The rules attributes cannot express: known kinds, a non-empty schema without duplicates, windows
/// that hold whole sub-windows, ordered thresholds. Every problem of a model is reported in one
/// message, together with those of the attribute validator.
/// </summary>
internal sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    private static readonly ModelOptionsAttributeValidator Attributes = new();

    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        var errors = new List<string>();
        var attributeResult = Attributes.Validate(name, options);
        if (attributeResult.Failed)
        {
            errors.AddRange(attributeResult.Failures);
        }

        errors.AddRange(ModelDefinition.Problems(name ?? string.Empty, options));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => $"Model '{name}': {e}"));
    }
}
