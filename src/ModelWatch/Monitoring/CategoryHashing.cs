using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ModelWatch.Monitoring;

/// <summary>
/// Keyed hashing of categorical values that may carry personal data (an e-mail domain, a postcode):
/// with <see cref="ModelBuilder.HashCategories"/> a monitor counts <c>HMAC-SHA256(key, value)</c>
/// instead of the value, so neither its windows, its snapshots nor the profiles it saves hold the
/// value itself. Distributions and drift are unchanged (distinct values stay distinct); what a
/// reader of a profile sees is <c>h:</c> and 16 hexadecimal digits (the first 64 bits of the MAC).
/// </summary>
/// <remarks>
/// The key matters: an unkeyed hash of a low-entropy value (a postcode) is reversed by hashing every
/// candidate. Keep the key secret, and the same in every replica and in the reference, or the
/// categories will not match. A supplied reference (from code or a file) is hashed by the monitor
/// when it is installed; hash a profile yourself with <c>ProfileHashing.HashCategories</c> to compare it with
/// window profiles outside a monitor.
/// </remarks>
internal static class CategoryHashing
{
    /// <summary>The prefix of every hashed value.</summary>
    public const string Prefix = "h:";

    /// <summary>The shortest key accepted, in characters.</summary>
    public const int MinKeyLength = 16;

    /// <summary>Hashes one value.</summary>
    /// <param name="key">The secret key (at least <see cref="MinKeyLength"/> characters).</param>
    /// <param name="value">The value; null or empty stays as it is (missing).</param>
    /// <returns><c>h:</c> followed by 16 lowercase hexadecimal digits.</returns>
    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinKeyLength"/>.</exception>
    public static string? Hash(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinKeyLength)
        {
            throw new ArgumentException($"A category hashing key needs at least {MinKeyLength} characters.", nameof(key));
        }

        return Hash(Encoding.UTF8.GetBytes(key), value);
    }

    /// <summary>Hashes one value with a key already validated and encoded (the logging path).</summary>
    internal static string? Hash(byte[] key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        int length = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[512];
        try
        {
            int written = Encoding.UTF8.GetBytes(value, utf8);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, utf8[..written], mac);
            ulong first = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(mac);
            return string.Create(Prefix.Length + 16, first, static (chars, v) =>
            {
                Prefix.AsSpan().CopyTo(chars);
                v.TryFormat(chars[Prefix.Length..], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
            });
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A supplied reference with the hashed columns' categories hashed (counts of colliding values added).</summary>
    internal static ReferenceProfile Apply(ReferenceProfile reference, byte[] key, IReadOnlySet<string> hashedColumns)
    {
        var categorical = reference.Categorical.Select(c =>
        {
            if (!hashedColumns.Contains(c.Name))
            {
                return c;
            }

            var merged = new Dictionary<string, long>(StringComparer.Ordinal);
            for (int i = 0; i < c.Categories.Length; i++)
            {
                string h = Hash(key, c.Categories[i])!;
                merged[h] = merged.GetValueOrDefault(h) + c.Counts[i];
            }

            return new CategoricalReference(c.Name, [.. merged.Keys], [.. merged.Values], c.MissingCount);
        }).ToArray();
        return new ReferenceProfile(reference.Schema, [.. reference.Numeric], categorical, reference.RowCount, reference.Bins, reference.PsiBins);
    }
}
