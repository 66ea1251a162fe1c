using ModelWatch.Monitoring;

namespace ModelWatch.Profiles;

/// <summary>Reads model references from <c>.mwp</c> profile files.</summary>
internal sealed class ProfileReferenceReader : IReferenceFileReader
{
    public ReferenceProfile Read(string path, int bins, int psiBins) => ProfileFile.Load(path).ToReference(bins, psiBins);
}
