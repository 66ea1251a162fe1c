namespace ModelWatch.Monitoring;

/// <summary>A model's registered feature mappers (<c>.Map&lt;TInput&gt;(...)</c>), found by input type.</summary>
internal sealed class FeatureMappers(string modelName, IEnumerable<KeyValuePair<Type, Delegate>> mappers)
{
    private readonly KeyValuePair<Type, Delegate>[] _mappers = [.. mappers];

    /// <summary>The mapper for <typeparamref name="TInput"/>.</summary>
    /// <exception cref="InvalidOperationException">None is registered.</exception>
    public FeatureMapper<TInput> Find<TInput>()
    {
        foreach (var (type, mapper) in _mappers)
        {
            if (type == typeof(TInput))
            {
                return (FeatureMapper<TInput>)mapper;
            }
        }

        throw new InvalidOperationException($"Model '{modelName}' has no feature mapper for {typeof(TInput).Name}; register one with .Map<{typeof(TInput).Name}>(...).");
    }
}
