using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Tests.TestSupport;

/// <summary>
/// A web application with a fake clock and one shard per model (exact count windows), on the
/// in-memory test server or, where the test is about what goes over the wire (URL decoding, request
/// limits, headers), on Kestrel listening on 127.0.0.1.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, FakeTimeProvider time, HttpClient client)
    {
        App = app;
        Time = time;
        Client = client;
        Watch = app.Services.GetRequiredService<IModelWatch>();
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Gets a client whose base address is the application's root.</summary>
    public HttpClient Client { get; }

    public IModelWatch Watch { get; }

    public static Task<TestApp> StartAsync(Action<IModelWatchBuilder> models, Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null) =>
        StartAsync(kestrel: false, models, map, configure);

    /// <summary>Starts the application on Kestrel at 127.0.0.1 on a free port; the client bypasses any proxy and follows no redirect.</summary>
    public static Task<TestApp> StartKestrelAsync(Action<IModelWatchBuilder> models, Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null) =>
        StartAsync(kestrel: true, models, map, configure);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static async Task<TestApp> StartAsync(bool kestrel, Action<IModelWatchBuilder> models, Action<WebApplication> map, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        if (kestrel)
        {
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

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

        return new TestApp(app, time, kestrel ? KestrelClient(app) : app.GetTestClient());
    }

    private static HttpClient KestrelClient(WebApplication app)
    {
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
        return new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }
}
