using System.Globalization;
using ParquetSharp;

namespace ModelWatch.Parquet.Reading;

/// <summary>What a flat Parquet column holds: how to read it, or why it cannot be profiled.</summary>
/// <param name="Kind">How its values are read, or null when ModelWatch does not profile its type.</param>
/// <param name="Description">Its type in words, for messages (<c>double</c>, <c>string</c>, <c>timestamp (microseconds, UTC)</c>).</param>
/// <param name="Scale">The decimal scale s of a decimal column (values are unscaled / 10^s).</param>
internal readonly record struct ColumnType(ValueKind? Kind, string Description, int Scale = 0)
{
    /// <summary>Gets a value indicating whether the column can be profiled as numbers.</summary>
    public bool CanBeNumeric => Kind is ValueKind.Double or ValueKind.Float or ValueKind.Int32 or ValueKind.UInt32
        or ValueKind.Int64 or ValueKind.UInt64 or ValueKind.Decimal32 or ValueKind.Decimal64;

    /// <summary>Gets a value indicating whether the column can be counted as categories (text, booleans and integer codes).</summary>
    public bool CanBeCategorical => Kind is ValueKind.Text or ValueKind.Boolean or ValueKind.Int32 or ValueKind.UInt32
        or ValueKind.Int64 or ValueKind.UInt64;

    /// <summary>Gets a value indicating whether the column is numeric unless told otherwise.</summary>
    public bool IsNumericByDefault => CanBeNumeric;

    /// <summary>Classifies a leaf column from its physical type and logical annotation.</summary>
    public static ColumnType Of(ColumnDescriptor column)
    {
        using var logical = column.LogicalType;
        return column.PhysicalType switch
        {
            PhysicalType.Double => new(ValueKind.Double, "double"),
            PhysicalType.Float => new(ValueKind.Float, "float"),
            PhysicalType.Boolean => new(ValueKind.Boolean, "boolean"),
            PhysicalType.Int32 => Integer(logical, 32),
            PhysicalType.Int64 => Integer(logical, 64),
            PhysicalType.Int96 => new(null, "INT96 timestamp"),
            PhysicalType.ByteArray => logical.Type switch
            {
                LogicalTypeEnum.String => new(ValueKind.Text, "string"),
                LogicalTypeEnum.Enum => new(ValueKind.Text, "enum"),
                LogicalTypeEnum.Json => new(null, "JSON"),
                LogicalTypeEnum.Bson => new(null, "BSON"),
                LogicalTypeEnum.Decimal => new(null, "decimal stored as a byte array"),
                _ => new(null, "binary (no string annotation)"),
            },
            PhysicalType.FixedLenByteArray => logical.Type switch
            {
                LogicalTypeEnum.Uuid => new(null, "UUID"),
                LogicalTypeEnum.Float16 => new(null, "float16"),
                LogicalTypeEnum.Decimal => new(null, "decimal stored as fixed-length bytes"),
                LogicalTypeEnum.Interval => new(null, "interval"),
                _ => new(null, string.Create(CultureInfo.InvariantCulture, $"fixed-length binary ({column.TypeLength} bytes)")),
            },
            _ => new(null, column.PhysicalType.ToString()),
        };
    }

    private static ColumnType Integer(LogicalType logical, int bits)
    {
        switch (logical)
        {
            case IntLogicalType integer:
                string name = string.Create(CultureInfo.InvariantCulture, $"{(integer.IsSigned ? "int" : "uint")}{integer.BitWidth}");
                return integer.IsSigned
                    ? new(bits == 32 ? ValueKind.Int32 : ValueKind.Int64, name)
                    : new(bits == 32 ? ValueKind.UInt32 : ValueKind.UInt64, name);
            case DecimalLogicalType dec:
                return new(bits == 32 ? ValueKind.Decimal32 : ValueKind.Decimal64, string.Create(CultureInfo.InvariantCulture, $"decimal({dec.Precision}, {dec.Scale})"), dec.Scale);
            case TimestampLogicalType timestamp:
                return new(null, $"timestamp ({Unit(timestamp.TimeUnit)}{(timestamp.IsAdjustedToUtc ? ", UTC" : string.Empty)})");
            case DateLogicalType:
                return new(null, "date");
            case TimeLogicalType time:
                return new(null, $"time of day ({Unit(time.TimeUnit)})");
            case NoneLogicalType:
                return new(bits == 32 ? ValueKind.Int32 : ValueKind.Int64, bits == 32 ? "int32" : "int64");
            default:
                return new(null, $"{logical.Type} ({(bits == 32 ? "INT32" : "INT64")})");
        }
    }

    private static string Unit(TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => "milliseconds",
        TimeUnit.Micros => "microseconds",
        TimeUnit.Nanos => "nanoseconds",
        _ => unit.ToString(),
    };
}
