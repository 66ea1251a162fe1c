using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Filters;

/// <summary>
/// Logs the prediction of an inference endpoint from its request argument and its response: the
/// handler is timed by a <see cref="PredictionScope"/>, an exception counts as a failed prediction
/// and is rethrown, and a result that is not a successful <typeparamref name="TResponse"/> is not a prediction.
/// </summary>
/// <typeparam name="TRequest">The handler's argument that holds the model's input.</typeparam>
/// <typeparam name="TResponse">The handler's successful result.</typeparam>
internal sealed class ModelWatchEndpointFilter<TRequest, TResponse>
{
    // Up to this many numeric features live on the stack; wider models rent an array.
    private const int StackFeatures = 64;

    private readonly IModelMonitor _monitor;
    private readonly int _argument;
    private readonly FeatureMapper<TRequest> _features;
    private readonly Func<TResponse, double> _prediction;
    private readonly ILogger _logger;
    private readonly string _endpoint;
    private long _mappingFailures;

    private ModelWatchEndpointFilter(IModelMonitor monitor, int argument, FeatureMapper<TRequest> features, Func<TResponse, double> prediction, ILogger logger, string endpoint)
    {
        _monitor = monitor;
        _argument = argument;
        _features = features;
        _prediction = prediction;
        _logger = logger;
        _endpoint = endpoint;
    }

    /// <summary>
    /// Builds the filter when ASP.NET Core builds the endpoint (at the first request): the model must
    /// be monitored and the handler must take a <typeparamref name="TRequest"/>; either mistake throws
    /// here, naming the endpoint, rather than silently logging nothing.
    /// </summary>
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next, string modelName, FeatureMapper<TRequest> features, Func<TResponse, double> prediction)
    {
        string endpoint = context.MethodInfo.Name;
        var parameters = context.MethodInfo.GetParameters();
        int argument = Array.FindIndex(parameters, p => p.ParameterType == typeof(TRequest));
        if (argument < 0)
        {
            throw new InvalidOperationException(
                $"WithModelWatch(\"{modelName}\"): the endpoint's handler ({endpoint}) has no parameter of type {typeof(TRequest).Name}; " +
                $"its parameters are ({string.Join(", ", parameters.Select(p => p.ParameterType.Name))}).");
        }

        var watch = context.ApplicationServices.GetService<IModelWatch>()
            ?? throw new InvalidOperationException($"WithModelWatch(\"{modelName}\"): ModelWatch is not registered; call services.AddModelWatch() and declare the model.");
        IModelMonitor monitor;
        try
        {
            monitor = watch.GetMonitor(modelName);
        }
        catch (KeyNotFoundException e)
        {
            throw new InvalidOperationException($"WithModelWatch(\"{modelName}\"): {e.Message}", e);
        }

        var logger = (context.ApplicationServices.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("ModelWatch.AspNetCore.EndpointFilter");
        var filter = new ModelWatchEndpointFilter<TRequest, TResponse>(monitor, argument, features, prediction, logger, endpoint);
        return invocation => filter.InvokeAsync(invocation, next);
    }

    private async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var request = invocation.GetArgument<TRequest>(_argument);
        var scope = _monitor.StartPrediction();
        object? result;
        try
        {
            result = await next(invocation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (invocation.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: not an inference failure, and no prediction either.
            throw;
        }
        catch
        {
            scope.Fail();
            throw;
        }

        if (request is not null && invocation.HttpContext.Response.StatusCode < StatusCodes.Status400BadRequest && TryGetResponse(result, out var response))
        {
            Record(ref scope, request, response);
        }

        // Otherwise the scope is dropped without completing or failing it: a rejected request
        // (validation problem, not found…) is neither a prediction nor a failed inference.
        return result;
    }

    /// <summary>Finds a successful <typeparamref name="TResponse"/> in what the handler returned.</summary>
    private static bool TryGetResponse(object? result, out TResponse response)
    {
        switch (result)
        {
            case TResponse r:
                response = r;
                return true;
            case INestedHttpResult nested:
                // Results<Ok<T>, BadRequest>: the union wraps the result that was chosen.
                return TryGetResponse(nested.Result, out response);
            case IValueHttpResult { Value: TResponse v } when result is not IStatusCodeHttpResult { StatusCode: < 200 or > 299 }:
                response = v;
                return true;
            default:
                response = default!;
                return false;
        }
    }

    private void Record(ref PredictionScope scope, TRequest request, TResponse response)
    {
        var schema = _monitor.Schema;
        int n = schema.NumericFeatures.Length;
        int c = schema.CategoricalFeatures.Length;
        double[]? rentedNumbers = n > StackFeatures ? ArrayPool<double>.Shared.Rent(n) : null;
        string?[]? rentedCategories = c > 0 ? ArrayPool<string?>.Shared.Rent(c) : null;
        Span<double> numbers = rentedNumbers is null ? stackalloc double[StackFeatures] : rentedNumbers;
        numbers = numbers[..n];
        Span<string?> categories = rentedCategories is null ? [] : rentedCategories.AsSpan(0, c);

        // A feature the mapper leaves unset is missing, not zero.
        numbers.Fill(double.NaN);
        categories.Clear();
        try
        {
            _features(request, numbers, categories);
            double prediction = _prediction(response);
            scope.Complete(numbers, categories, prediction);
        }
#pragma warning disable CA1031 // The response is already made: a faulty mapping must not turn it into a 500.
        catch (Exception e)
#pragma warning restore CA1031
        {
            long count = Interlocked.Increment(ref _mappingFailures);
            if ((count & (count - 1)) == 0)
            {
                Log.MappingFailed(_logger, e, _endpoint, _monitor.ModelName, count);
            }
        }
        finally
        {
            if (rentedNumbers is not null)
            {
                ArrayPool<double>.Shared.Return(rentedNumbers);
            }

            if (rentedCategories is not null)
            {
                ArrayPool<string?>.Shared.Return(rentedCategories, clearArray: true);
            }
        }
    }
}
