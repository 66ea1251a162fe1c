using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ModelWatch.AspNetCore.Tests.TestSupport;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Tests.Endpoints;

/// <summary>
/// Every response of every route <c>MapModelWatch</c> maps — page, JSON, problem, 404, failure —
/// is sent with <c>X-Content-Type-Options: nosniff</c> and <c>Cache-Control: no-store</c>, and
/// problems echo the request only escaped, whatever the host's JSON settings. Over real HTTP.
/// </summary>
public sealed class EndpointResponsesTests
{
    private const string Hostile = "<script>alert('x')</script>&\"";

    public enum Outcome
    {
        /// <summary>The route names a monitored model.</summary>
        Found,

        /// <summary>The route names no model.</summary>
        Unknown,

        /// <summary>The route names no model, in markup.</summary>
        HostileUnknown,

        /// <summary>Every handler throws.</summary>
        Failing,
    }

    [Theory]
    [InlineData(Outcome.Found)]
    [InlineData(Outcome.Unknown)]
    [InlineData(Outcome.HostileUnknown)]
    [InlineData(Outcome.Failing)]
    public async Task EveryRoute_AnyOutcome_IsNeitherSniffedNorStored(Outcome outcome)
    {
        await using var t = await TestApp.StartKestrelAsync(
            w => w.AddNumericModel("fraud", "amount"),
            app => app.MapModelWatch("/mw"),
            b =>
            {
                if (outcome == Outcome.Failing)
                {
                    b.Services.AddSingleton(FailingModelWatch.Create());
                }
            });
        string model = outcome switch
        {
            Outcome.Unknown => "nope",
            Outcome.HostileUnknown => Uri.EscapeDataString(Hostile),
            _ => "fraud",
        };

        var routes = Routes(t.App);
        Assert.Equal(8, routes.Count);
        foreach (string route in routes)
        {
            string path = route.Replace("{model}", model, StringComparison.Ordinal).Replace("{segment}", "eu", StringComparison.Ordinal);
            using var response = await t.Client.GetAsync(path);
            string body = await response.Content.ReadAsStringAsync();

            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff), $"{path} ({(int)response.StatusCode}): no X-Content-Type-Options");
            Assert.Equal("nosniff", Assert.Single(nosniff));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.NotNull(response.Content.Headers.ContentType);
            Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
            var expected = outcome switch
            {
                Outcome.Failing => HttpStatusCode.InternalServerError,
                Outcome.Found when route.Contains("{segment}", StringComparison.Ordinal) => HttpStatusCode.NotFound, // the model is not segmented
                Outcome.Found => HttpStatusCode.OK,
                _ => route.Contains("{model}", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.OK,
            };
            Assert.Equal(expected, response.StatusCode);
        }
    }

    /// <summary>A host whose own JSON settings write HTML characters unescaped changes nothing in the package's problems.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ApiModel_UnknownHostileName_ProblemEchoesItEscaped(bool relaxedHostJson)
    {
        await using var t = await TestApp.StartKestrelAsync(
            w => w.AddNumericModel("fraud", "amount"),
            app => app.MapModelWatch("/mw"),
            b =>
            {
                b.Services.AddProblemDetails();
                if (relaxedHostJson)
                {
                    b.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
                }
            });

        foreach (string path in new[] { "/mw/api/models/", "/mw/api/models/{0}/history" })
        {
            string url = path.Contains("{0}", StringComparison.Ordinal) ? string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Uri.EscapeDataString(Hostile)) : path + Uri.EscapeDataString(Hostile);
            using var response = await t.Client.GetAsync(url);
            string raw = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(raw.IndexOfAny(['<', '>', '&', '\'']) < 0, raw);
            Assert.Contains($"'{Hostile}'", JsonDocument.Parse(raw).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task FailingHandler_IsLogged_AndAnswersAProblemThatTellsNothingOfTheError()
    {
        var logs = new FakeLogCollector();
        await using var t = await TestApp.StartKestrelAsync(
            w => w.AddNumericModel("fraud", "amount"),
            app => app.MapModelWatch("/mw"),
            b =>
            {
                b.Services.AddSingleton(FailingModelWatch.Create());
                b.Logging.AddProvider(new FakeLoggerProvider(logs));
            });

        using var response = await t.Client.GetAsync("/mw/api/models/fraud");
        string raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(500, JsonDocument.Parse(raw).RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("secret", raw, StringComparison.Ordinal);
        var failure = Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 501);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Contains("ModelWatch model", failure.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(failure.Exception);
    }

    /// <summary>The route patterns <c>MapModelWatch</c> mapped (found, not listed, so a new route is covered by the tests above).</summary>
    private static List<string> Routes(WebApplication app) =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.DisplayName?.StartsWith("ModelWatch", StringComparison.Ordinal) == true)
            .Select(e => e.RoutePattern.RawText!)];
}
