namespace ModelWatch.Monitoring;

/// <summary>
/// Declares a monitored model in code: <c>.AddModel("fraud", m =&gt; m.Version("3").Numeric("amount", "age").Categorical("country").Reference(profile))</c>.
/// </summary>
/// <remarks>
/// Every call writes into the model's <see cref="ModelOptions"/>, so code and configuration
/// (<c>ModelWatch:Models:fraud</c>) combine; the reference and typed-input mappers can only be given in code.
/// </remarks>
public sealed class ModelBuilder
{
    internal ModelBuilder(string name, ModelOptions options)
    {
        Name = name;
        Options = options;
    }

    /// <summary>Gets the model's name.</summary>
    public string Name { get; }

    /// <summary>Gets the options being configured, for settings without a builder method.</summary>
    public ModelOptions Options { get; }

    /// <summary>Sets the model's version.</summary>
    /// <param name="version">The version, e.g. "3".</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Version(string version)
    {
        Options.Version = version;
        return this;
    }

    /// <summary>Adds numeric features, in logging order.</summary>
    /// <param name="names">The feature names.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Numeric(params string[] names) => Add(names, "Numeric");

    /// <summary>Adds categorical features, in logging order.</summary>
    /// <param name="names">The feature names.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Categorical(params string[] names) => Add(names, "Categorical");

    /// <summary>Sets how the prediction is monitored.</summary>
    /// <param name="kind">The prediction kind.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Prediction(PredictionKind kind)
    {
        Options.Prediction = kind.ToString();
        return this;
    }

    /// <summary>Uses a reference profile built from the training data.</summary>
    /// <param name="reference">The profile; its schema must match the model's.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Reference(ReferenceProfile reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        Options.SuppliedReference = reference;
        Options.Reference.Source = nameof(ReferenceSource.Supplied);
        return this;
    }

    /// <summary>Uses a reference profile made by a factory, called once when the monitor starts.</summary>
    /// <param name="factory">The factory; it may use services from the container.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Reference(Func<IServiceProvider, ReferenceProfile> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Options.ReferenceFactory = factory;
        Options.Reference.Source = nameof(ReferenceSource.Supplied);
        return this;
    }

    /// <summary>Takes the reference from the first <paramref name="count"/> predictions seen in production.</summary>
    /// <param name="count">The number of predictions.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder ReferenceFromFirstPredictions(long count)
    {
        Options.Reference.Source = nameof(ReferenceSource.FirstPredictions);
        Options.Reference.Size = count;
        return this;
    }

    /// <summary>Takes the reference from the predictions of the first <paramref name="period"/> in production.</summary>
    /// <param name="period">The period.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder ReferenceFromFirstPeriod(TimeSpan period)
    {
        Options.Reference.Source = nameof(ReferenceSource.FirstPeriod);
        Options.Reference.Period = period;
        return this;
    }

    /// <summary>Uses time windows; they slide by <paramref name="subWindow"/> when it is shorter than <paramref name="length"/>.</summary>
    /// <param name="length">The window length.</param>
    /// <param name="subWindow">The sub-window length (null: tumbling windows).</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Window(TimeSpan length, TimeSpan? subWindow = null)
    {
        Options.Window.Kind = "Time";
        Options.Window.Length = length;
        Options.Window.SubWindowLength = subWindow;
        return this;
    }

    /// <summary>Uses windows of <paramref name="size"/> predictions; they slide by <paramref name="subWindowSize"/> when it is smaller.</summary>
    /// <param name="size">Predictions per window.</param>
    /// <param name="subWindowSize">Predictions per sub-window (null: tumbling windows).</param>
    /// <returns>This builder.</returns>
    public ModelBuilder WindowByCount(long size, long? subWindowSize = null)
    {
        Options.Window.Kind = "Count";
        Options.Window.Size = size;
        Options.Window.SubWindowSize = subWindowSize;
        return this;
    }

    /// <summary>Registers how a typed input maps to features, for <c>monitor.LogInput(input, prediction)</c>.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <param name="mapper">The mapper.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Map<TInput>(FeatureMapper<TInput> mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        Options.Mappers[typeof(TInput)] = mapper;
        return this;
    }

    /// <summary>Changes any other setting.</summary>
    /// <param name="configure">The change.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Configure(Action<ModelOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options);
        return this;
    }

    private ModelBuilder Add(string[] names, string kind)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (string name in names)
        {
            Options.Features.Add(new FeatureOptions { Name = name, Kind = kind });
        }

        return this;
    }
}
