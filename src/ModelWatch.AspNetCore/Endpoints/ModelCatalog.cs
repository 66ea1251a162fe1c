using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// The monitored models as one request sees them: <see cref="IModelWatch.Models"/> read once and
/// grouped by name in ordinal name order, so that a request costs one pass over the registry whatever
/// the number of models, and a model's versions are materialised only for the rows a page shows.
/// </summary>
internal sealed class ModelCatalog
{
    private readonly IReadOnlyList<ModelInfo> _versions;
    private readonly Entry[] _models;

    private ModelCatalog(IReadOnlyList<ModelInfo> versions, Entry[] models)
    {
        _versions = versions;
        _models = models;
    }

    /// <summary>Gets the number of models (names).</summary>
    public int Count => _models.Length;

    /// <summary>Reads the registry once.</summary>
    public static ModelCatalog Read(IModelWatch watch)
    {
        // The engine lists models by name already (a fresh list per call, so it is used as is); a
        // stable sort keeps each model's versions in the order given.
        var versions = watch.Models;
        if (!IsGroupedByName(versions))
        {
            versions = [.. versions.OrderBy(v => v.Name, StringComparer.Ordinal)];
        }

        var models = new List<Entry>(versions.Count);
        for (int first = 0; first < versions.Count;)
        {
            int end = first + 1;
            while (end < versions.Count && string.Equals(versions[end].Name, versions[first].Name, StringComparison.Ordinal))
            {
                end++;
            }

            int current = end - 1; // the newest listed when none is marked current
            for (int i = first; i < end; i++)
            {
                if (versions[i].IsCurrent)
                {
                    current = i;
                    break;
                }
            }

            models.Add(new Entry(versions[first].Name, first, end - first, current));
            first = end;
        }

        return new ModelCatalog(versions, [.. models]);
    }

    /// <summary>A model's name.</summary>
    public string Name(int index) => _models[index].Name;

    /// <summary>The position of the model named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        int i = FirstAtOrAfter(name);
        return i < _models.Length && string.Equals(_models[i].Name, name, StringComparison.Ordinal) ? i : -1;
    }

    /// <summary>The position of the first model whose name is not ordinally less than <paramref name="name"/> (<see cref="Count"/> when none).</summary>
    public int FirstAtOrAfter(string name)
    {
        int low = 0, high = _models.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (string.CompareOrdinal(_models[middle].Name, name) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Reads what the list shows of a model; false when the model was removed since the registry was read.</summary>
    public bool TryReadState(IModelWatch watch, int index, out ModelState state)
    {
        var model = _models[index];
        try
        {
            state = new ModelState(
                watch.GetLatestReport(model.Name),
                watch.IsAlertActive(model.Name),
                watch.IsQualityAlertActive(model.Name),
                _versions[model.Current].IsSegmented ? watch.GetAlertingSegments(model.Name) : null);
            return true;
        }
        catch (KeyNotFoundException)
        {
            state = default;
            return false;
        }
    }

    /// <summary>The full view of a model whose state was read, or null when the model was removed since.</summary>
    public ModelView? View(IModelWatch watch, int index, in ModelState state)
    {
        var model = _models[index];
        var versions = new ModelVersionJson[model.Count];
        for (int i = 0; i < versions.Length; i++)
        {
            var v = _versions[model.First + i];
            versions[i] = new ModelVersionJson(v.Version, v.IsCurrent, v.HasReference);
        }

        try
        {
            return new ModelView(model.Name, _versions[model.Current].Version, versions, state.Latest, watch.GetLatestQualityReport(model.Name), state.DriftAlert, state.QualityAlert, state.AlertingSegments);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    private static bool IsGroupedByName(IReadOnlyList<ModelInfo> versions)
    {
        for (int i = 1; i < versions.Count; i++)
        {
            if (string.CompareOrdinal(versions[i - 1].Name, versions[i].Name) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A model: its name and where its versions are in the version array, with the index of its current version.</summary>
    private readonly record struct Entry(string Name, int First, int Count, int Current);
}
