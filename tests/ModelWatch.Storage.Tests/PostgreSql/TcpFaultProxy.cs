using System.Net;
using System.Net.Sockets;

namespace ModelWatch.Storage.Tests.PostgreSql;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a server, that can drop connections for a while: while
/// <see cref="Dropping"/> is on, it cuts every open connection and accepts new ones only to close them
/// at once (the client sees its connection reset, as when a database fails over or a network path
/// flaps); when it is off again, connections pass through.
/// </summary>
internal sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpClient Client, TcpClient Server)> _open = [];
    private readonly Task _accepting;
    private int _accepted;
    private int _refused;
    private volatile bool _dropping;

    public TcpFaultProxy(string host, int port)
    {
        _target = new IPEndPoint(IPAddress.Parse(host), port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>Gets how many connections the proxy accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Gets how many of them it closed at once because it was dropping.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Gets or sets a value indicating whether connections are dropped; turning it on cuts the open ones.</summary>
    public bool Dropping
    {
        get => _dropping;
        set
        {
            _dropping = value;
            if (value)
            {
                lock (_open)
                {
                    foreach (var (client, server) in _open)
                    {
                        Cut(client);
                        Cut(server);
                    }

                    _open.Clear();
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Dropping = true;
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Closes a connection with a reset (linger 0), not a graceful end.</summary>
    private static void Cut(TcpClient connection)
    {
        try
        {
            connection.Client.LingerState = new LingerOption(true, 0);
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }

        connection.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            if (_dropping)
            {
                Interlocked.Increment(ref _refused);
                Cut(client);
                continue;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            lock (_open)
            {
                if (_dropping)
                {
                    Cut(client);
                    Cut(server);
                    return;
                }

                _open.Add((client, server));
            }

            using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = Pump(client.GetStream(), server.GetStream(), both.Token);
            var down = Pump(server.GetStream(), client.GetStream(), both.Token);
            await Task.WhenAny(up, down);
            await both.CancelAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
        }
        finally
        {
            lock (_open)
            {
                _open.Remove((client, server));
            }

            client.Dispose();
            server.Dispose();
        }
    }

    private static async Task Pump(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16_384];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
