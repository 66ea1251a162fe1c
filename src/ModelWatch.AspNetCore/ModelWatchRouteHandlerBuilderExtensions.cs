using Microsoft.AspNetCore.Http;
using ModelWatch.AspNetCore.Filters;
using ModelWatch.Monitoring;

#pragma warning disable IDE0130 // Beside the other RouteHandlerBuilder conventions, so it needs no extra using.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Logs the predictions of a minimal-API inference endpoint: <c>app.MapPost("/score", Score).WithModelWatch("fraud", ...)</c>.</summary>
public static class ModelWatchRouteHandlerBuilderExtensions
{
    /// <summary>
    /// Records every successful call of the endpoint as a prediction of <paramref name="modelName"/>,
    /// with its latency, so the handler does not call <c>Log</c> itself.
    /// </summary>
    /// <typeparam name="TRequest">The type of the handler's parameter that holds the model's input (usually the JSON body).</typeparam>
    /// <typeparam name="TResponse">The type of the handler's successful result.</typeparam>
    /// <param name="builder">The endpoint.</param>
    /// <param name="modelName">The monitored model (declared with <c>AddModel</c>).</param>
    /// <param name="features">
    /// Writes the request's features in schema order: numeric ones into the first span, categorical
    /// ones into the second (the same delegate as <c>ModelBuilder.Map</c>). A value it leaves unset counts as missing.
    /// </param>
    /// <param name="prediction">The prediction in the response: a score, a value, or a class index for a classifier.</param>
    /// <returns>The endpoint, for more conventions.</returns>
    /// <remarks>
    /// <list type="bullet">
    /// <item>The handler is timed with the monitor's <see cref="PredictionScope"/>: the latency covers the handler (and the filters after this one), not the request's parsing or the response's writing.</item>
    /// <item>The handler's result counts when it is a <typeparamref name="TResponse"/>, or an <c>IResult</c> carrying one with a 2xx status (<c>TypedResults.Ok(response)</c>, also inside <c>Results&lt;…&gt;</c>), and the response status is below 400. Anything else (<c>Results.BadRequest()</c>, <c>TypedResults.NotFound()</c>…) is not a prediction and is not logged.</item>
    /// <item>An exception from the handler counts as a failed prediction and is rethrown; a cancellation because the client went away counts as nothing.</item>
    /// <item>An exception from <paramref name="features"/> or <paramref name="prediction"/> is logged as a warning (event 500, at powers of two of its count); the response is sent unchanged.</item>
    /// <item>
    /// Configuration errors (a model that is not monitored, a handler without a <typeparamref name="TRequest"/> parameter)
    /// throw <see cref="InvalidOperationException"/> when ASP.NET Core builds the endpoint, which it does on the first request.
    /// </item>
    /// </list>
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modelName"/> is empty.</exception>
    public static RouteHandlerBuilder WithModelWatch<TRequest, TResponse>(this RouteHandlerBuilder builder, string modelName, FeatureMapper<TRequest> features, Func<TResponse, double> prediction)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(prediction);
        return builder.AddEndpointFilterFactory((context, next) => ModelWatchEndpointFilter<TRequest, TResponse>.Create(context, next, modelName, features, prediction));
    }
}
