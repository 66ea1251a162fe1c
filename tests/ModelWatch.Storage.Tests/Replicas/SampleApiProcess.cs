using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ModelWatch.Storage.Tests.Replicas;

/// <summary>
/// One process of samples/ModelWatch.SampleApi on 127.0.0.1, started as <c>dotnet ModelWatch.SampleApi.dll</c>
/// from its build output with settings on its command line (replica id, window, store) and the S3
/// credentials in its environment, as a replica in a deployment gets them.
/// </summary>
internal sealed class SampleApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleApiProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Url { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Gets what the process printed so far (its log), for a failure's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a replica; <paramref name="settings"/> are configuration keys and values (<c>ModelWatch:ReplicaId</c> …).</summary>
    public static SampleApiProcess Start(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> environment)
    {
        int port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");

        // The runtime host running this test (testhost is started by dotnet), else dotnet from the PATH.
        string host = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SampleApiPath());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.ToString());
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new SampleApiProcess(Process.Start(start) ?? throw new InvalidOperationException($"{host} did not start."), url);
    }

    /// <summary>Waits until the process answers on /health (its model trained, its store read).</summary>
    public async Task WaitReadyAsync(HttpClient client, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"{Url} exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(Url, "/health"));
                return; // 200 or 503: it serves, so its host started
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Fail($"{Url} was not ready after {limit.TotalSeconds:F0} s:\n{Output}");
    }

    /// <summary>Stops the process as an orchestrator does (SIGTERM), so its host saves what it holds, and waits for it to exit.</summary>
    public async Task StopAsync(TimeSpan limit)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Url} did not stop within {limit.TotalSeconds:F0} s of SIGTERM:\n{Output}");
        }

        Assert.True(_process.ExitCode == 0, $"{Url} exited with {_process.ExitCode}:\n{Output}");
    }

    /// <summary>Kills the process with SIGKILL: no handler runs, a write in flight is cut wherever it is.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false); // SIGKILL on Linux
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The sample's build output, beside this project's: samples/ModelWatch.SampleApi/bin/&lt;Configuration&gt;/net10.0/.</summary>
    private static string SampleApiPath()
    {
        var self = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)); // tests/ModelWatch.Storage.Tests/bin/<Configuration>/<tfm>
        string configuration = self.Parent!.Name;
        string path = Path.GetFullPath(Path.Combine(self.FullName, "..", "..", "..", "..", "..", "samples", "ModelWatch.SampleApi", "bin", configuration, self.Name, "ModelWatch.SampleApi.dll"));
        Assert.True(File.Exists(path), $"{path} does not exist: build it first (dotnet build samples/ModelWatch.SampleApi -c {configuration}).");
        return path;
    }
}
