using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>
/// What a model was trained on, frozen: per numeric column the fine quantile bins with the
/// reference's counts and summary statistics, per categorical column the categories and their
/// counts. Build one with <see cref="ReferenceProfileBuilder"/> from training rows.
/// </summary>
/// <remarks>
/// A profile holds no rows: only bin edges (which are reference quantiles, i.e. values that occur
/// or interpolate between values), counts, moments, min, max and category strings. Instances are
/// immutable and safe to share.
/// </remarks>
public sealed partial class ReferenceProfile
{
    internal ReferenceProfile(ModelSchema schema, NumericReference[] numeric, CategoricalReference[] categorical, long rowCount, int bins, int psiBins)
    {
        Schema = schema;
        Numeric = [.. numeric];
        Categorical = [.. categorical];
        RowCount = rowCount;
        Bins = bins;
        PsiBins = psiBins;
    }

    /// <summary>Gets the schema the profile was built for.</summary>
    public ModelSchema Schema { get; }

    /// <summary>Gets the number of rows the profile summarizes.</summary>
    public long RowCount { get; }

    /// <summary>Gets the number of fine quantile bins per numeric column (before duplicate edges collapse).</summary>
    public int Bins { get; }

    /// <summary>Gets the number of PSI bins per numeric column (before duplicate edges collapse).</summary>
    public int PsiBins { get; }

    /// <summary>Gets the numeric columns, in <see cref="ModelSchema.NumericColumns"/> order.</summary>
    internal ImmutableArray<NumericReference> Numeric { get; }

    /// <summary>Gets the categorical columns, in <see cref="ModelSchema.CategoricalColumns"/> order.</summary>
    internal ImmutableArray<CategoricalReference> Categorical { get; }

    /// <summary>Checks that the profile fits a model's schema.</summary>
    internal string? Mismatch(ModelSchema schema)
    {
        if (!Schema.NumericColumns.SequenceEqual(schema.NumericColumns, StringComparer.Ordinal))
        {
            return $"The reference's numeric columns ({string.Join(", ", Schema.NumericColumns)}) differ from the model's ({string.Join(", ", schema.NumericColumns)}).";
        }

        if (!Schema.CategoricalColumns.SequenceEqual(schema.CategoricalColumns, StringComparer.Ordinal))
        {
            return $"The reference's categorical columns ({string.Join(", ", Schema.CategoricalColumns)}) differ from the model's ({string.Join(", ", schema.CategoricalColumns)}).";
        }

        return null;
    }
}
