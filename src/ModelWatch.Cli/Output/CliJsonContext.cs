using System.Text.Json.Serialization;
using ModelWatch.Monitoring;

namespace ModelWatch.Cli.Output;

/// <summary>
/// Source-generated JSON for <c>compare --format json</c>: the <see cref="DriftReport"/> in the shape its own
/// converter writes (<see cref="MonitoringJsonConverter"/>; the ASP.NET Core endpoints' shape), indented.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(DriftReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}
