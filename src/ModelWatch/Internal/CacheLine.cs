namespace ModelWatch.Internal;

/// <summary>The size the logging path's padding and alignment assume for a cache line (x86-64 and most ARM64 cores).</summary>
internal static class CacheLine
{
    public const int Bytes = 64;
}
