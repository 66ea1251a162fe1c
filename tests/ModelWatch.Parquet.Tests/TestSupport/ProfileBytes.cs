using ModelWatch.Profiles;

namespace ModelWatch.Parquet.Tests.TestSupport;

internal static class ProfileBytes
{
    /// <summary>A profile's file bytes: equal bytes, equal statistics (counts, moments, sketches, categories).</summary>
    public static byte[] Of(Profile profile)
    {
        using var stream = new MemoryStream();
        ProfileFile.Write(profile, stream);
        return stream.ToArray();
    }
}
