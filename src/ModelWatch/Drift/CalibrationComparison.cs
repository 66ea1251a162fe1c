namespace ModelWatch.Drift;

/// <summary>What each reference chunk is compared with when calibrating a threshold.</summary>
internal enum CalibrationComparison
{
    /// <summary>Each chunk against the rest of the reference (disjoint samples, like a real check).</summary>
    ChunkVersusRest = 0,

    /// <summary>Each chunk against the whole reference (the chunk is part of it, so statistics run smaller).</summary>
    ChunkVersusWhole = 1,
}
