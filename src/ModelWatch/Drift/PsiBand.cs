namespace ModelWatch.Drift;

/// <summary>
/// The customary reading of a Population Stability Index value (Siddiqi, <i>Credit Risk Scorecards</i>,
/// 2006; Yurdakul, "Statistical properties of population stability index", 2018).
/// </summary>
public enum PsiBand
{
    /// <summary>PSI &lt; 0.1: no significant change.</summary>
    Stable = 0,

    /// <summary>0.1 ≤ PSI &lt; 0.25: a moderate change worth investigating.</summary>
    Moderate = 1,

    /// <summary>PSI ≥ 0.25: a major change.</summary>
    Major = 2,
}
