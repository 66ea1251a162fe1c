using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ModelWatch.Monitoring;

/// <summary>
/// Turns what the configuration binder throws for a value it cannot convert (an unknown enum name,
/// a malformed time span or number) or a key no option has into a start-up problem that names the
/// model, the key and the values allowed, so it is reported with every other problem.
/// </summary>
internal static partial class ConfigurationErrors
{
    /// <summary>Describes a binder failure; false when the exception is not one.</summary>
    /// <param name="model">The model whose options were bound, or null for the global options.</param>
    /// <param name="exception">What reading the options threw.</param>
    /// <param name="problem">The description.</param>
    public static bool TryDescribe(string? model, InvalidOperationException exception, [NotNullWhen(true)] out string? problem)
    {
        string prefix = model is null ? string.Empty : $"Model '{model}': ";
        if (ConversionFailure().Match(exception.Message) is { Success: true } conversion)
        {
            string value = conversion.Groups["value"].Success ? $"'{conversion.Groups["value"].Value}'" : "The value";
            string path = conversion.Groups["path"].Value;
            string type = conversion.Groups["type"].Value;
            problem = EnumOptions.ExpectedFor(type) is { } expected
                ? $"{prefix}{value} at {path} is not a {ShortName(type)} (expected {expected})."
                : $"{prefix}{value} at {path} is not a valid {ShortName(type)}.";
            return true;
        }

        if (UnknownKeys().Match(exception.Message) is { Success: true } unknown)
        {
            problem = $"{prefix}{ShortName(unknown.Groups["type"].Value)} has no setting {unknown.Groups["keys"].Value} (see the options table in the README; renamed settings are listed in the CHANGELOG).";
            return true;
        }

        problem = null;
        return false;
    }

    private static string ShortName(string typeName) => typeName[(typeName.LastIndexOf('.') + 1)..];

    [GeneratedRegex(@"^Failed to convert configuration value (?:'(?<value>.*)' )?at '(?<path>.*)' to type '(?<type>[^']*)'\.$", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"^'ErrorOnUnknownConfiguration' was set on the provided BinderOptions, but the following properties were not found on the instance of (?<type>[^:]+): (?<keys>.*)$", RegexOptions.Singleline)]
    private static partial Regex UnknownKeys();
}
