using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.AspNetCore.Tests.TestSupport;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Tests.Filters;

public sealed class ModelWatchEndpointFilterTests
{
    private static readonly TimeSpan InferenceTime = TimeSpan.FromMilliseconds(30);

    public sealed record ScoreRequest(double Amount, double Age);

    public sealed record ScoreResponse(double Score);

    private static void Features(ScoreRequest r, Span<double> x, Span<string?> categories)
    {
        x[0] = r.Amount;
        x[1] = r.Age;
    }

    private static double Prediction(ScoreResponse s) => s.Score;

    /// <summary>The handlers advance the fake clock by <see cref="InferenceTime"/>, so the recorded latency is known exactly.</summary>
    private static Task<TestApp> StartAsync(string model = "fraud") => TestApp.StartAsync(
        w => w.AddNumericModel("fraud", "amount", "age"),
        app =>
        {
            app.MapPost("/score", (ScoreRequest r, TimeProvider time) =>
                {
                    ((FakeTimeProvider)time).Advance(InferenceTime);
                    return new ScoreResponse(r.Amount + r.Age);
                })
                .WithModelWatch<ScoreRequest, ScoreResponse>(model, Features, Prediction);
            app.MapPost("/typed", Results<Ok<ScoreResponse>, BadRequest<string>, NotFound> (ScoreRequest r, TimeProvider time) =>
                {
                    ((FakeTimeProvider)time).Advance(InferenceTime);
                    return r.Amount switch
                    {
                        < 0 => TypedResults.BadRequest("negative amount"),
                        > 1_000 => TypedResults.NotFound(),
                        _ => TypedResults.Ok(new ScoreResponse(r.Amount)),
                    };
                })
                .WithModelWatch<ScoreRequest, ScoreResponse>(model, Features, Prediction);
            app.MapPost("/untyped", (ScoreRequest r) => r.Amount < 0 ? Results.BadRequest() : Results.Ok(new ScoreResponse(r.Amount)))
                .WithModelWatch<ScoreRequest, ScoreResponse>(model, Features, Prediction);
            app.MapPost("/throws", (ScoreRequest r, TimeProvider time) =>
                {
                    ((FakeTimeProvider)time).Advance(InferenceTime);
                    return r.Amount < 0 ? throw new InvalidOperationException("model crashed") : new ScoreResponse(r.Amount);
                })
                .WithModelWatch<ScoreRequest, ScoreResponse>(model, Features, Prediction);
            app.MapPost("/status", (ScoreRequest r, HttpContext context) =>
                {
                    context.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                    return new ScoreResponse(r.Amount);
                })
                .WithModelWatch<ScoreRequest, ScoreResponse>(model, Features, Prediction);
            app.MapPost("/mapping-fails", (ScoreRequest r) => new ScoreResponse(r.Amount))
                .WithModelWatch<ScoreRequest, ScoreResponse>(model, (_, _, _) => throw new FormatException("bad mapping"), Prediction);
        });

    private static async Task<DriftReport> EvaluateAsync(TestApp t)
    {
        await t.Watch.EvaluateAsync();
        return Assert.IsType<DriftReport>(t.Watch.GetLatestReport("fraud"));
    }

    /// <summary>Sends a request; the test server either rethrows the app's exception or answers 500, depending on where it was thrown.</summary>
    private static async Task<(HttpStatusCode? Status, Exception? Error)> TryPostAsync(HttpClient client, string path, ScoreRequest body)
    {
        try
        {
            using var response = await client.PostAsJsonAsync(path, body);
            return (response.StatusCode, null);
        }
#pragma warning disable CA1031 // The exception is the subject of the test.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (null, e);
        }
    }

    [Fact]
    public async Task Filter_SuccessfulRequests_LogOnePredictionEachWithTheHandlersLatency()
    {
        await using var t = await StartAsync();

        for (int i = 0; i < 3; i++)
        {
            using var response = await t.Client.PostAsJsonAsync("/score", new ScoreRequest(10 + i, 40));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(50 + i, (await response.Content.ReadFromJsonAsync<ScoreResponse>())!.Score);
        }

        var report = await EvaluateAsync(t);
        Assert.Equal(3, report.Predictions);
        Assert.Equal(0, report.FailedPredictions);
        Assert.Equal(InferenceTime.TotalSeconds, report.MeanLatencySeconds, 9);
        Assert.Equal(InferenceTime.TotalSeconds, report.MaxLatencySeconds, 9);
        var amount = report.Features.Single(f => f.Name == "amount");
        Assert.Equal(3, amount.Count);
        Assert.Equal(11, amount.Mean, 9);
        Assert.Equal(51, report.Features.Single(f => f.IsPrediction).Mean, 9);
    }

    [Fact]
    public async Task Filter_HandlerThrows_CountsAFailedPredictionAndRethrows()
    {
        await using var t = await StartAsync();

        var (status, error) = await TryPostAsync(t.Client, "/throws", new ScoreRequest(-1, 40));
        using var ok = await t.Client.PostAsJsonAsync("/throws", new ScoreRequest(1, 40));

        Assert.True(status == HttpStatusCode.InternalServerError || error?.Message == "model crashed", $"status {status}, error {error}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var report = await EvaluateAsync(t);
        Assert.Equal(1, report.Predictions);
        Assert.Equal(1, report.FailedPredictions);
        Assert.Equal(InferenceTime.TotalSeconds, report.MaxLatencySeconds, 9);
    }

    [Theory]
    [InlineData("/typed", -1.0, HttpStatusCode.BadRequest)]
    [InlineData("/typed", 2_000.0, HttpStatusCode.NotFound)]
    [InlineData("/untyped", -1.0, HttpStatusCode.BadRequest)]
    [InlineData("/status", 1.0, HttpStatusCode.UnprocessableEntity)]
    public async Task Filter_NonSuccessResult_IsNotLogged(string path, double amount, HttpStatusCode expected)
    {
        await using var t = await StartAsync();

        using var response = await t.Client.PostAsJsonAsync(path, new ScoreRequest(amount, 40));

        Assert.Equal(expected, response.StatusCode);
        var report = await EvaluateAsync(t);
        Assert.Equal(0, report.Predictions);
        Assert.Equal(0, report.FailedPredictions);
    }

    [Theory]
    [InlineData("/typed")]
    [InlineData("/untyped")]
    public async Task Filter_SuccessWrappedInAResult_IsLogged(string path)
    {
        await using var t = await StartAsync();

        using var response = await t.Client.PostAsJsonAsync(path, new ScoreRequest(7, 40));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await EvaluateAsync(t);
        Assert.Equal(1, report.Predictions);
        Assert.Equal(7, report.Features.Single(f => f.IsPrediction).Mean, 9);
    }

    [Fact]
    public async Task Filter_MappingThrows_AnswersUnchangedAndLogsNothing()
    {
        await using var t = await StartAsync();

        using var response = await t.Client.PostAsJsonAsync("/mapping-fails", new ScoreRequest(7, 40));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(7, (await response.Content.ReadFromJsonAsync<ScoreResponse>())!.Score);
        var report = await EvaluateAsync(t);
        Assert.Equal(0, report.Predictions);
    }

    [Fact]
    public async Task Filter_UnknownModel_FailsWhenTheEndpointIsBuilt()
    {
        await using var t = await StartAsync(model: "frod");

        var (status, error) = await TryPostAsync(t.Client, "/score", new ScoreRequest(1, 2));

        Assert.Null(status);
        var invalid = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("WithModelWatch(\"frod\")", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("No model named 'frod'", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filter_HandlerWithoutTheRequestType_FailsWhenTheEndpointIsBuilt()
    {
        // Its own app: a filter that cannot be built fails every endpoint of the app, on the first request.
        await using var t = await TestApp.StartAsync(
            w => w.AddNumericModel("fraud", "amount", "age"),
            app => app.MapGet("/no-request", () => new ScoreResponse(1)).WithModelWatch<ScoreRequest, ScoreResponse>("fraud", Features, Prediction));

        Exception? error = null;
        try
        {
            await t.Client.GetAsync("/no-request");
        }
#pragma warning disable CA1031 // The exception is the subject of the test.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e;
        }

        var invalid = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("has no parameter of type ScoreRequest", invalid.Message, StringComparison.Ordinal);
    }
}
