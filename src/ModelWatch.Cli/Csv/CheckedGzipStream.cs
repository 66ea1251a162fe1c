using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace ModelWatch.Cli.Csv;

/// <summary>
/// Decompresses a gzip file and, when the data end, checks them against the gzip trailer (the CRC-32
/// and the size of the data, the file's last 8 bytes).
/// </summary>
/// <remarks>
/// <see cref="GZipStream"/> ends a truncated file silently, so a download cut short after a whole row
/// would read as a well-formed, shorter file. The trailer belongs to the file's last member (gzip
/// allows several, as <c>cat a.gz b.gz</c> makes): when the whole data do not match it, the file is
/// read a second time to check its last member alone (the data's last "size" bytes), and only a
/// mismatch there too is an error. A file whose last member holds 4 GB or more cannot be checked that
/// way (the trailer keeps the size modulo 2^32) and is refused.
/// </remarks>
internal sealed class CheckedGzipStream : Stream
{
    private const string Damaged = "the compressed data end early or are damaged: the gzip trailer's CRC-32 and size do not match the data";

    private readonly string _path;
    private readonly GZipStream _gzip;
    private readonly Crc32 _crc = new();
    private readonly uint? _trailerCrc;
    private readonly uint _trailerSize;
    private long _length;
    private bool _verified;

    /// <param name="file">The open file, at its start.</param>
    /// <param name="path">The file's path, to read its last member again if need be.</param>
    public CheckedGzipStream(FileStream file, string path)
    {
        _path = path;
        if (file.CanSeek && file.Length >= 18)
        {
            Span<byte> trailer = stackalloc byte[8];
            file.Seek(-8, SeekOrigin.End);
            file.ReadExactly(trailer);
            file.Seek(0, SeekOrigin.Begin);
            _trailerCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            _trailerSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        }

        _gzip = new GZipStream(file, CompressionMode.Decompress);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <exception cref="InvalidDataException">The data end early or are damaged.</exception>
    public override int Read(Span<byte> buffer)
    {
        int read = _gzip.Read(buffer);
        if (read > 0)
        {
            _crc.Append(buffer[..read]);
            _length += read;
        }
        else if (!_verified && !buffer.IsEmpty)
        {
            _verified = true;
            if (!MatchesTrailer())
            {
                throw new InvalidDataException(Damaged);
            }
        }

        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool MatchesTrailer()
    {
        if (_trailerCrc is not { } crc)
        {
            return false;
        }

        if ((uint)_length == _trailerSize && _crc.GetCurrentHashAsUInt32() == crc)
        {
            return true;
        }

        return _trailerSize < _length && LastMemberMatches(_length - _trailerSize, crc);
    }

    /// <summary>Reads the file again and checks the CRC-32 of the data after <paramref name="skip"/> bytes.</summary>
    private bool LastMemberMatches(long skip, uint crc)
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var last = new Crc32();
        byte[] buffer = new byte[1 << 16];
        long position = 0;
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            var data = buffer.AsSpan(0, read);
            if (position + read > skip)
            {
                last.Append(data[(int)Math.Max(0, skip - position)..]);
            }

            position += read;
        }

        return position == _length && last.GetCurrentHashAsUInt32() == crc;
    }
}
