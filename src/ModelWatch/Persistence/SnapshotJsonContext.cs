using System.Text.Json.Serialization;
using ModelWatch.Monitoring;

namespace ModelWatch.Persistence;

/// <summary>Source-generated metadata for monitor snapshots.</summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 16)]
[JsonSerializable(typeof(MonitorSnapshot))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext
{
}
