namespace ModelWatch.Drift;

/// <summary>The logarithm base of a Jensen–Shannon divergence.</summary>
public enum JensenShannonBase
{
    /// <summary>Base 2 (bits): the divergence and the distance lie in [0, 1]. ModelWatch's default.</summary>
    Base2 = 0,

    /// <summary>
    /// Base e (nats): the divergence lies in [0, ln 2]; <c>scipy.spatial.distance.jensenshannon</c>'s
    /// default and what Evidently reports. The distance is the base-2 distance times √(ln 2) ≈ 0.8326.
    /// </summary>
    BaseE = 1,
}
