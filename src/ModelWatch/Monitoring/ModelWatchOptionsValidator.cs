using Microsoft.Extensions.Options;

namespace ModelWatch.Monitoring;

/// <summary>The global options: attribute rules plus the time spans attributes cannot check trim-safely.</summary>
internal sealed class ModelWatchOptionsValidator : IValidateOptions<ModelWatchOptions>
{
    private static readonly ModelWatchOptionsAttributeValidator Attributes = new();

    public ValidateOptionsResult Validate(string? name, ModelWatchOptions options)
    {
        var errors = new List<string>();
        var attributeResult = Attributes.Validate(name, options);
        if (attributeResult.Failed)
        {
            errors.AddRange(attributeResult.Failures);
        }

        if (options.EvaluationInterval < TimeSpan.FromMilliseconds(10) || options.EvaluationInterval > TimeSpan.FromDays(1))
        {
            errors.Add($"EvaluationInterval ({options.EvaluationInterval}) must be between 10 ms and 1 day.");
        }

        if (options.HandlerTimeout <= TimeSpan.Zero || options.HandlerTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"HandlerTimeout ({options.HandlerTimeout}) must be positive and at most 1 hour.");
        }

        if (options.ReplicaId is { } replica && !ReplicaIds.IsValid(replica))
        {
            errors.Add($"ReplicaId ('{replica}') must be 1 to 64 ASCII letters, digits, '-' or '_'.");
        }

        var lastSaved = options.EvaluationInterval > options.SnapshotInterval ? options.EvaluationInterval : options.SnapshotInterval;
        if (options.RetireIdleVersionsAfter != Timeout.InfiniteTimeSpan && options.RetireIdleVersionsAfter < lastSaved)
        {
            errors.Add($"RetireIdleVersionsAfter ({options.RetireIdleVersionsAfter}) must be at least EvaluationInterval and SnapshotInterval ({lastSaved}), so a version's last state is evaluated and saved before it is retired; {Timeout.InfiniteTimeSpan} (Timeout.InfiniteTimeSpan) keeps every version.");
        }

        if (options.WindowProfileMaxAge <= TimeSpan.Zero)
        {
            errors.Add($"WindowProfileMaxAge ({options.WindowProfileMaxAge}) must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
