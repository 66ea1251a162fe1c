using Microsoft.Extensions.Logging;

namespace ModelWatch.AspNetCore;

/// <summary>The package's log messages. Event ids 5xx: the ASP.NET Core integration.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "The ModelWatch mapping of endpoint '{Endpoint}' (model '{Model}') threw; the prediction was not recorded ({Count} time(s) so far, logged at powers of two).")]
    public static partial void MappingFailed(ILogger logger, Exception exception, string endpoint, string model, long count);

    [LoggerMessage(EventId = 501, Level = LogLevel.Error, Message = "The ModelWatch endpoint '{Endpoint}' failed; it answered 500.")]
    public static partial void EndpointFailed(ILogger logger, Exception exception, string endpoint);
}
