namespace ModelWatch.Profiles;

/// <summary>What a profile describes.</summary>
public enum ProfileKind
{
    /// <summary>A data set (a CSV file profiled by the command-line tool, or rows added through <see cref="ProfileBuilder"/>).</summary>
    Dataset = 0,

    /// <summary>A model's reference: the data it was trained on.</summary>
    Reference = 1,

    /// <summary>A window of a model's production traffic.</summary>
    Window = 2,
}
