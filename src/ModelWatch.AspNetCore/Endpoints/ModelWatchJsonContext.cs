using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>Source-generated serialization of the endpoints' shapes: no reflection, so the package stays trimmable and AOT-clean.</summary>
/// <remarks>
/// The shapes (the <c>*Json</c> records) are documented in the package README and are part of the
/// package's contract: add properties, never rename or remove them. Non-finite numbers (the NaN mean
/// of an empty window, say) are written as null, because JSON has no NaN.
/// </remarks>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(ModelListJson))]
[JsonSerializable(typeof(ModelDetailJson))]
[JsonSerializable(typeof(ModelHistoryJson))]
internal sealed partial class ModelWatchJsonContext : JsonSerializerContext;
