using ModelWatch.Drift;
using ModelWatch.Estimation;

namespace ModelWatch.Monitoring;

/// <summary>
/// Declares a monitored model in code: <c>.AddModel("fraud", m =&gt; m.Version("3").Numeric("amount", "age").Categorical("country").Reference(profile))</c>.
/// </summary>
/// <remarks>
/// Every call writes into the model's <see cref="ModelOptions"/>, so code and configuration
/// (<c>ModelWatch:Models:fraud</c>) combine; the reference and typed-input mappers can only be given in code.
/// </remarks>
public sealed partial class ModelBuilder
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
    public ModelBuilder Numeric(params string[] names) => Add(names, FeatureKind.Numeric);

    /// <summary>Adds categorical features, in logging order.</summary>
    /// <param name="names">The feature names.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Categorical(params string[] names) => Add(names, FeatureKind.Categorical);

    /// <summary>Sets how the prediction is monitored.</summary>
    /// <param name="kind">The prediction kind.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Prediction(PredictionKind kind)
    {
        Options.Prediction = kind;
        return this;
    }

    /// <summary>Uses a reference profile built from the training data.</summary>
    /// <param name="reference">The profile; its schema must match the model's.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Reference(ReferenceProfile reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        Options.SuppliedReference = reference;
        Options.Reference.Source = ReferenceSource.Supplied;
        return this;
    }

    /// <summary>Uses a reference profile made by a factory, called once when the monitor starts.</summary>
    /// <param name="factory">The factory; it may use services from the container.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Reference(Func<IServiceProvider, ReferenceProfile> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Options.ReferenceFactory = factory;
        Options.Reference.Source = ReferenceSource.Supplied;
        return this;
    }

    /// <summary>
    /// Loads the reference from a profile file (<c>.mwp</c>) when the monitor starts: e.g.
    /// <c>.Reference("ref/fraud.mwp")</c> after <c>modelwatch profile training.csv -o ref/fraud.mwp</c>.
    /// </summary>
    /// <param name="path">The file, relative to the current directory.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Reference(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Options.Reference.Path = path;
        Options.Reference.Source = ReferenceSource.Supplied;
        return this;
    }

    /// <summary>Takes the reference from the first <paramref name="count"/> predictions seen in production.</summary>
    /// <param name="count">The number of predictions.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder ReferenceFromFirstPredictions(long count)
    {
        Options.Reference.Source = ReferenceSource.FirstPredictions;
        Options.Reference.SizeInPredictions = count;
        return this;
    }

    /// <summary>Takes the reference from the predictions of the first <paramref name="period"/> in production.</summary>
    /// <param name="period">The period.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder ReferenceFromFirstPeriod(TimeSpan period)
    {
        Options.Reference.Source = ReferenceSource.FirstPeriod;
        Options.Reference.Period = period;
        return this;
    }

    /// <summary>Uses time windows; they slide by <paramref name="subWindow"/> when it is shorter than <paramref name="length"/>.</summary>
    /// <param name="length">The window length.</param>
    /// <param name="subWindow">The sub-window length (null: tumbling windows).</param>
    /// <param name="alignment">Where windows start: at whole multiples of their length (the default), at the first event, or on calendar boundaries.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Window(TimeSpan length, TimeSpan? subWindow = null, WindowAlignment alignment = WindowAlignment.Epoch)
    {
        Options.Window.Kind = WindowKind.Time;
        Options.Window.Duration = length;
        Options.Window.SubWindowDuration = subWindow;
        Options.Window.Alignment = alignment;
        return this;
    }

    /// <summary>Uses tumbling windows of one calendar month (UTC), from the 1st 00:00 to the next 1st.</summary>
    /// <returns>This builder.</returns>
    public ModelBuilder WindowByMonth()
    {
        Options.Window.Kind = WindowKind.Time;
        Options.Window.SubWindowDuration = null;
        Options.Window.Alignment = WindowAlignment.Month;
        return this;
    }

    /// <summary>Uses windows of <paramref name="size"/> predictions; they slide by <paramref name="subWindowSize"/> when it is smaller.</summary>
    /// <param name="size">Predictions per window.</param>
    /// <param name="subWindowSize">Predictions per sub-window (null: tumbling windows).</param>
    /// <returns>This builder.</returns>
    public ModelBuilder WindowByCount(long size, long? subWindowSize = null)
    {
        Options.Window.Kind = WindowKind.Count;
        Options.Window.SizeInPredictions = size;
        Options.Window.SubWindowSizeInPredictions = subWindowSize;
        return this;
    }

    /// <summary>
    /// Counts the values of some categorical features as keyed hashes (<c>HMAC-SHA256</c>), so that
    /// no window, snapshot or saved profile holds the values themselves (<see cref="CategoryHashing"/>).
    /// </summary>
    /// <param name="key">The secret key (at least 16 characters), the same in every replica.</param>
    /// <param name="names">Categorical features declared with <see cref="Categorical"/>.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder HashCategories(string key, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Options.CategoryHashKey = key;
        foreach (string name in names)
        {
            Options.HashedCategories.Add(name);
        }

        return this;
    }

    /// <summary>
    /// Monitors each value (or combination of values) of categorical features as a segment, in
    /// addition to the whole model (<see cref="SegmentOptions"/>, docs/segments.md).
    /// </summary>
    /// <param name="categoricalFeatures">Categorical features declared with <see cref="Categorical"/>; several make one segment per combination.</param>
    /// <returns>This builder.</returns>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public ModelBuilder SegmentBy(params string[] categoricalFeatures)
    {
        ArgumentNullException.ThrowIfNull(categoricalFeatures);
        foreach (string name in categoricalFeatures)
        {
            Options.Segments.By.Add(name);
        }

        return this;
    }

    /// <summary>
    /// Monitors each explicit segment key (a tenant id, not among the features) given with a
    /// prediction (<see cref="PredictionEntry.Segment"/>) as a segment, in addition to the whole model.
    /// </summary>
    /// <param name="maxSegments">How many segments are tracked at most, besides "(other)".</param>
    /// <returns>This builder.</returns>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public ModelBuilder SegmentByKey(int maxSegments = SegmentOptions.DefaultMaxSegments)
    {
        Options.Segments.ByKey = true;
        Options.Segments.MaxSegments = maxSegments;
        return this;
    }

    /// <summary>Sets how many segments are tracked at most, besides "(other)" (<see cref="SegmentOptions.MaxSegments"/>).</summary>
    /// <param name="maxSegments">At most this many segments.</param>
    /// <returns>This builder.</returns>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public ModelBuilder MaxSegments(int maxSegments)
    {
        Options.Segments.MaxSegments = maxSegments;
        return this;
    }

    /// <summary>
    /// Keeps a mergeable profile of each window and, with a store, saves every closed window's
    /// profile for merging across replicas (<see cref="WindowOptions.KeepProfiles"/>).
    /// </summary>
    /// <returns>This builder.</returns>
    public ModelBuilder KeepWindowProfiles()
    {
        Options.Window.KeepProfiles = true;
        return this;
    }

    /// <summary>
    /// Declares a binary classifier: the prediction is the score (probability) of class 1, outcomes
    /// are 0 or 1. Turns on outcome tracking (<c>RecordOutcome</c>) and the label-free performance estimate
    /// (uncalibrated until <see cref="EstimatePerformance(CbpeReference, CbpeOptions?)"/> supplies a labelled reference).
    /// </summary>
    /// <param name="decisionThreshold">The score at or above which class 1 is predicted.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder BinaryClassification(double decisionThreshold = 0.5)
    {
        Options.Quality.Task = ModelTask.BinaryClassification;
        Options.Quality.DecisionThreshold = decisionThreshold;
        Options.Prediction = PredictionKind.Numeric;
        return this;
    }

    /// <summary>
    /// Declares a multiclass classifier over class indexes 0 … <paramref name="classes"/> − 1: the
    /// prediction is monitored as a category, outcomes are class indexes.
    /// </summary>
    /// <param name="classes">The number of classes.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder MulticlassClassification(int classes)
    {
        Options.Quality.Task = ModelTask.MulticlassClassification;
        Options.Quality.Classes = classes;
        Options.Prediction = PredictionKind.Categorical;
        return this;
    }

    /// <summary>
    /// Names the classifier's classes in class-index order, so that reports and the dashboard show
    /// <c>sun</c> where they would show class 4: <c>.MulticlassClassification(5).ClassNames("drizzle", "fog", "rain", "snow", "sun")</c>.
    /// </summary>
    /// <param name="names">One non-empty, distinct name per class (two for a binary classifier).</param>
    /// <returns>This builder.</returns>
    /// <remarks>Replaces names given before, in code or in configuration (<c>Quality:ClassNames</c>); checked when the model is built.</remarks>
    public ModelBuilder ClassNames(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Options.Quality.ClassNames.Clear();
        foreach (string name in names)
        {
            Options.Quality.ClassNames.Add(name);
        }

        return this;
    }

    /// <summary>
    /// Estimates the classifier's performance per window without labels by confidence-based performance
    /// estimation (CBPE, docs/estimation.md), fitted now on a labelled reference: the model's scores (or
    /// class probabilities), its decisions and the true labels, e.g. its validation set. Reports then carry,
    /// per prediction-time window, the estimated accuracy, precision, recall, specificity, F1 and ROC AUC with
    /// ± 3 sampling-error bands and thresholds from the reference's chunks; an estimate below its lower
    /// threshold is a drop that raises an estimated-quality alert (the hysteresis of quality alerts).
    /// </summary>
    /// <param name="reference">The labelled reference: <see cref="CbpeReference.Binary"/> for a binary model
    /// (its decisions must follow the model's decision threshold), <see cref="CbpeReference.Multiclass"/>
    /// with the model's class order for a multiclass one.</param>
    /// <param name="options">Calibration rule and chunking of the reference (the thresholds come from its
    /// chunks: choose chunks about as large as a window, e.g. <c>Chunking.BySize(n)</c>); null for the defaults.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The reference or the options are invalid (see <see cref="Cbpe.Fit"/>).</exception>
    /// <remarks>Declare the task (<see cref="BinaryClassification"/> or <see cref="MulticlassClassification"/>) too;
    /// a reference of the wrong number of classes is reported when the model is built.</remarks>
    public ModelBuilder EstimatePerformance(CbpeReference reference, CbpeOptions? options = null) =>
        EstimatePerformance(Cbpe.Fit(reference, options ?? new CbpeOptions()));

    /// <summary>Estimates the classifier's performance per window with an estimator already fitted on a labelled reference.</summary>
    /// <param name="estimator">The fitted estimator (<see cref="Cbpe.Fit"/>).</param>
    /// <returns>This builder.</returns>
    public ModelBuilder EstimatePerformance(Cbpe estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        Options.Quality.Estimator = estimator;
        return this;
    }

    /// <summary>Declares a regression model: outcomes are the true values.</summary>
    /// <returns>This builder.</returns>
    public ModelBuilder Regression()
    {
        Options.Quality.Task = ModelTask.Regression;
        Options.Prediction = PredictionKind.Numeric;
        return this;
    }

    /// <summary>Bounds the predictions held for their outcomes.</summary>
    /// <param name="capacity">How many predictions are held at most (the oldest is evicted beyond).</param>
    /// <param name="timeToLive">How long a prediction waits for its outcome.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Outcomes(int capacity, TimeSpan timeToLive)
    {
        Options.Quality.MaxPendingPredictions = capacity;
        Options.Quality.PendingTimeToLive = timeToLive;
        return this;
    }

    /// <summary>Adds a quality limit: windows where <paramref name="metric"/> is below <paramref name="minimum"/> are degraded.</summary>
    /// <param name="metric">The metric (e.g. accuracy).</param>
    /// <param name="minimum">The least acceptable value.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder QualityAtLeast(QualityMetric metric, double minimum) => AddThreshold(metric, minimum: minimum);

    /// <summary>Adds a quality limit: windows where <paramref name="metric"/> is above <paramref name="maximum"/> are degraded.</summary>
    /// <param name="metric">The metric (e.g. log loss, mean absolute error).</param>
    /// <param name="maximum">The largest acceptable value.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder QualityAtMost(QualityMetric metric, double maximum) => AddThreshold(metric, maximum: maximum);

    /// <summary>
    /// Adds a quality limit against a baseline: windows where <paramref name="metric"/> is worse than
    /// the baseline by more than <paramref name="maxDrop"/> are degraded.
    /// </summary>
    /// <param name="metric">The metric.</param>
    /// <param name="maxDrop">The largest acceptable worsening, in the metric's units.</param>
    /// <param name="baseline">The baseline (e.g. the validation accuracy); null to measure it over the first production windows.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder QualityDropAtMost(QualityMetric metric, double maxDrop, double? baseline = null) =>
        AddThreshold(metric, maxDrop: maxDrop, baseline: baseline);

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

    private ModelBuilder AddThreshold(QualityMetric metric, double? minimum = null, double? maximum = null, double? maxDrop = null, double? baseline = null)
    {
        Options.Quality.Thresholds.Add(new QualityThresholdOptions { Metric = metric, Minimum = minimum, Maximum = maximum, MaxDrop = maxDrop, Baseline = baseline });
        return this;
    }

    private ModelBuilder Add(string[] names, FeatureKind kind)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (string name in names)
        {
            Options.Features.Add(new FeatureOptions { Name = name, Kind = kind });
        }

        return this;
    }
}
