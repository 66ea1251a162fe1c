namespace ModelWatch.DependencyInjection;

/// <summary>Marks a service collection in which ModelWatch is already registered.</summary>
internal sealed class ModelWatchMarker;
