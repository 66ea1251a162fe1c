using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace ModelWatch.Storage.Tests.S3;

/// <summary>
/// An S3 endpoint on 127.0.0.1 that behaves as Amazon S3 does where s3rver does not: ListObjectsV2
/// paged by continuation token in binary key order (and ListObjects v1 refused, so a store that used
/// it would fail), <c>If-None-Match: *</c> on PUT answered with 412 when the key exists, uploads in
/// the SDK's chunked encoding refused, and the CRC32 or Content-MD5 an upload carries checked against
/// its bytes, stored, and returned on GET when the caller asks for checksums. Signatures are not
/// checked. Each bucket's objects are replaced atomically (a reference swap), as S3 does.
/// </summary>
internal sealed class FakeS3Server : IDisposable
{
    private static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, StoredObject>> _buckets = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _conditionalPuts;
    private int _refusedPuts;
    private int _v2Listings;
    private int _checksummedPuts;
    private int _checksummedGets;

    public FakeS3Server()
    {
        // HttpListener cannot take port 0: try free ports the system names until one binds.
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                Url = new Uri($"http://127.0.0.1:{port}");
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>Gets how many PUTs carried <c>If-None-Match: *</c>.</summary>
    public int ConditionalPuts => Volatile.Read(ref _conditionalPuts);

    /// <summary>Gets how many of those were refused because the key existed.</summary>
    public int RefusedPuts => Volatile.Read(ref _refusedPuts);

    /// <summary>Gets how many ListObjectsV2 pages were served.</summary>
    public int V2Listings => Volatile.Read(ref _v2Listings);

    /// <summary>Gets how many PUTs carried a CRC32 checksum that matched their bytes.</summary>
    public int ChecksummedPuts => Volatile.Read(ref _checksummedPuts);

    /// <summary>Gets how many GETs asked for, and were given, the object's checksum.</summary>
    public int ChecksummedGets => Volatile.Read(ref _checksummedGets);

    /// <summary>Makes the next GET of a key return these bytes with the stored object's checksum, as a network that corrupted the body would.</summary>
    public string? CorruptNextGetOf { get; set; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await HandleAsync(context.Request, context.Response);
                }
                catch (Exception ex)
                {
                    await ErrorAsync(context.Response, 500, "InternalError", ex.Message);
                }
                finally
                {
                    context.Response.Close();
                }
            });
        }
    }

    private async Task HandleAsync(HttpListenerRequest request, HttpListenerResponse response)
    {
        // Path-style: /bucket or /bucket/key (the key URL-encoded by the SDK).
        string path = request.Url!.AbsolutePath.TrimStart('/');
        int slash = path.IndexOf('/', StringComparison.Ordinal);
        string bucket = slash < 0 ? path : path[..slash];
        string key = slash < 0 ? "" : Uri.UnescapeDataString(path[(slash + 1)..]);
        if (key.Length == 0)
        {
            await BucketAsync(request, response, bucket);
            return;
        }

        if (!_buckets.TryGetValue(bucket, out var objects))
        {
            await ErrorAsync(response, 404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }

        switch (request.HttpMethod)
        {
            case "PUT":
                await PutAsync(request, response, objects, key);
                break;
            case "GET":
            case "HEAD":
                await GetAsync(request, response, objects, key);
                break;
            case "DELETE":
                objects.TryRemove(key, out _);
                response.StatusCode = 204;
                break;
            default:
                await ErrorAsync(response, 405, "MethodNotAllowed", request.HttpMethod);
                break;
        }
    }

    private async Task BucketAsync(HttpListenerRequest request, HttpListenerResponse response, string bucket)
    {
        if (request.HttpMethod == "PUT")
        {
            if (!_buckets.TryAdd(bucket, new ConcurrentDictionary<string, StoredObject>(StringComparer.Ordinal)))
            {
                await ErrorAsync(response, 409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.");
            }

            return;
        }

        if (request.HttpMethod != "GET")
        {
            await ErrorAsync(response, 405, "MethodNotAllowed", request.HttpMethod);
            return;
        }

        if (!_buckets.TryGetValue(bucket, out var objects))
        {
            await ErrorAsync(response, 404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }

        if (request.QueryString["list-type"] != "2")
        {
            await ErrorAsync(response, 501, "NotImplemented", "This server lists with ListObjectsV2 only.");
            return;
        }

        Interlocked.Increment(ref _v2Listings);
        string prefix = request.QueryString["prefix"] ?? "";
        int maxKeys = int.Parse(request.QueryString["max-keys"] ?? "1000", CultureInfo.InvariantCulture);
        string? token = request.QueryString["continuation-token"];
        string after = token is null ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(token));
        var keys = objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(k, after) > 0)
            .Order(StringComparer.Ordinal).Take(maxKeys + 1).ToList();
        bool truncated = keys.Count > maxKeys;
        var page = keys.Take(maxKeys).ToList();
        var result = new XElement(
            Ns + "ListBucketResult",
            new XElement(Ns + "Name", bucket),
            new XElement(Ns + "Prefix", prefix),
            new XElement(Ns + "KeyCount", page.Count),
            new XElement(Ns + "MaxKeys", maxKeys),
            new XElement(Ns + "IsTruncated", truncated ? "true" : "false"),
            token is null ? null : new XElement(Ns + "ContinuationToken", token),
            truncated ? new XElement(Ns + "NextContinuationToken", Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1]))) : null,
            page.Select(k => objects.TryGetValue(k, out var o)
                ? new XElement(Ns + "Contents", new XElement(Ns + "Key", k), new XElement(Ns + "Size", o.Content.Length), new XElement(Ns + "ETag", o.ETag), new XElement(Ns + "StorageClass", "STANDARD"))
                : null));
        await XmlAsync(response, 200, result);
    }

    private async Task PutAsync(HttpListenerRequest request, HttpListenerResponse response, ConcurrentDictionary<string, StoredObject> objects, string key)
    {
        if (request.Headers["Content-Encoding"]?.Contains("aws-chunked", StringComparison.Ordinal) == true
            || request.Headers["x-amz-content-sha256"]?.StartsWith("STREAMING-", StringComparison.Ordinal) == true)
        {
            await ErrorAsync(response, 400, "NotImplemented", "Chunked uploads are not accepted by this server.");
            return;
        }

        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        byte[] content = body.ToArray();
        string? crc = request.Headers["x-amz-checksum-crc32"];
        if (crc is not null)
        {
            if (crc != Crc32Base64(content))
            {
                await ErrorAsync(response, 400, "BadDigest", "The CRC32 you specified did not match the calculated checksum.");
                return;
            }

            Interlocked.Increment(ref _checksummedPuts);
        }

#pragma warning disable CA5351 // S3's Content-MD5 is an integrity check.
        if (request.Headers["Content-MD5"] is { } md5 && md5 != Convert.ToBase64String(MD5.HashData(content)))
        {
            await ErrorAsync(response, 400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
            return;
        }

        var stored = new StoredObject(content, "\"" + Convert.ToHexStringLower(MD5.HashData(content)) + "\"", crc);
#pragma warning restore CA5351
        if (request.Headers["If-None-Match"] is { } condition)
        {
            if (condition != "*")
            {
                await ErrorAsync(response, 501, "NotImplemented", "If-None-Match takes only '*'.");
                return;
            }

            Interlocked.Increment(ref _conditionalPuts);
            if (!objects.TryAdd(key, stored))
            {
                Interlocked.Increment(ref _refusedPuts);
                await ErrorAsync(response, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
                return;
            }
        }
        else
        {
            objects[key] = stored;
        }

        response.Headers["ETag"] = stored.ETag;
        if (crc is not null)
        {
            response.Headers["x-amz-checksum-crc32"] = crc;
        }
    }

    private async Task GetAsync(HttpListenerRequest request, HttpListenerResponse response, ConcurrentDictionary<string, StoredObject> objects, string key)
    {
        if (!objects.TryGetValue(key, out var o))
        {
            if (request.HttpMethod == "HEAD")
            {
                response.StatusCode = 404;
                return;
            }

            await ErrorAsync(response, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }

        byte[] content = o.Content;
        if (CorruptNextGetOf is { } corrupt && key.EndsWith(corrupt, StringComparison.Ordinal) && content.Length > 0)
        {
            CorruptNextGetOf = null;
            content = (byte[])content.Clone();
            content[content.Length / 2] ^= 0xFF;
        }

        response.StatusCode = 200;
        response.ContentType = "application/octet-stream";
        response.Headers["ETag"] = o.ETag;
        response.Headers["Last-Modified"] = DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        if (request.Headers["x-amz-checksum-mode"] == "ENABLED" && o.Crc32 is not null)
        {
            response.Headers["x-amz-checksum-crc32"] = o.Crc32;
            Interlocked.Increment(ref _checksummedGets);
        }

        response.ContentLength64 = content.Length;
        if (request.HttpMethod == "GET")
        {
            await response.OutputStream.WriteAsync(content);
        }
    }

    private static async Task ErrorAsync(HttpListenerResponse response, int status, string code, string message) =>
        await XmlAsync(response, status, new XElement("Error", new XElement("Code", code), new XElement("Message", message), new XElement("RequestId", Guid.NewGuid().ToString("N"))));

    private static async Task XmlAsync(HttpListenerResponse response, int status, XElement body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(new XDocument(new XDeclaration("1.0", "UTF-8", null), body).ToString(SaveOptions.DisableFormatting));
        response.StatusCode = status;
        response.ContentType = "application/xml";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    /// <summary>CRC-32 (ISO-HDLC, the zlib one) of the bytes, big-endian, base64: the form of S3's x-amz-checksum-crc32.</summary>
    private static string Crc32Base64(byte[] content)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in content)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        crc ^= 0xFFFFFFFF;
        return Convert.ToBase64String([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
    }

    private sealed record StoredObject(byte[] Content, string ETag, string? Crc32);
}
