using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Tests.TestSupport;

/// <summary>A web application on the in-memory test server, with a fake clock and one shard per model (exact count windows).</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, FakeTimeProvider time)
    {
        App = app;
        Time = time;
        Client = app.GetTestClient();
        Watch = app.Services.GetRequiredService<IModelWatch>();
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IModelWatch Watch { get; }

    public static async Task<TestApp> StartAsync(Action<IModelWatchBuilder> models, Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        models(builder.Services.AddModelWatch(o => o.ShardCount = 1));
        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new TestApp(app, time);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
