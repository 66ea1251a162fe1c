namespace ModelWatch.OnnxRuntime;

/// <summary>An input mapped by your own code: the features it yields and the delegate that writes them.</summary>
public sealed class OnnxCustomInput
{
    /// <summary>Initializes a custom input.</summary>
    /// <param name="numericFeatures">The names of the numeric features it yields.</param>
    /// <param name="categoricalFeatures">The names of the categorical features it yields.</param>
    /// <param name="mapper">Writes them for one row.</param>
    public OnnxCustomInput(IReadOnlyList<string> numericFeatures, IReadOnlyList<string> categoricalFeatures, OnnxInputMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(numericFeatures);
        ArgumentNullException.ThrowIfNull(categoricalFeatures);
        ArgumentNullException.ThrowIfNull(mapper);
        NumericFeatures = [.. numericFeatures];
        CategoricalFeatures = [.. categoricalFeatures];
        Mapper = mapper;
    }

    /// <summary>Gets the names of the numeric features.</summary>
    public IReadOnlyList<string> NumericFeatures { get; }

    /// <summary>Gets the names of the categorical features.</summary>
    public IReadOnlyList<string> CategoricalFeatures { get; }

    /// <summary>Gets the delegate that writes them.</summary>
    public OnnxInputMapper Mapper { get; }
}
