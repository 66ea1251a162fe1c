using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>Source-generated serialization of the endpoints' shapes: no reflection, so the package stays trimmable and AOT-clean.</summary>
/// <remarks>
/// The shapes (the <c>*Json</c> records) are documented in the package README and are part of the
/// package's contract: add properties, never rename or remove them. The reports inside them are written
/// by the converters the core attaches to its report types (<see cref="Monitoring.MonitoringJsonConverter"/>),
/// so an application that returns a report from its own endpoint gets the same shape; non-finite numbers
/// (the NaN mean of an empty window, say) are written as null, because JSON has no NaN. Every JSON answer, problem
/// details included, is written through this context, so untrusted text (names, categories, a
/// requested name) is escaped one way whatever the host's JSON options: the default encoder writes
/// HTML-sensitive characters (<c>&lt; &gt; &amp; ' " + `</c>), control characters and every
/// non-ASCII character as <c>\u</c> escapes, and a lone surrogate as U+FFFD.
/// </remarks>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(ModelListJson))]
[JsonSerializable(typeof(ModelDetailJson))]
[JsonSerializable(typeof(ModelHistoryJson))]
[JsonSerializable(typeof(ProblemJson))]
[JsonSerializable(typeof(SegmentDetailJson))]
[JsonSerializable(typeof(SegmentHistoryJson))]
internal sealed partial class ModelWatchJsonContext : JsonSerializerContext;
