namespace ModelWatch.Monitoring;

/// <summary>
/// Reads a reference from a profile file (<see cref="ReferenceOptions.Path"/>). The runtime names
/// the file; the profile format, a layer above it, reads it (registered by <c>AddModelWatch</c>).
/// </summary>
internal interface IReferenceFileReader
{
    /// <summary>Loads the profile at <paramref name="path"/> and freezes it into a reference.</summary>
    ReferenceProfile Read(string path, int bins, int psiBins);
}
