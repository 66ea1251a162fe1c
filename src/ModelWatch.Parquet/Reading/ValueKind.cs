namespace ModelWatch.Parquet.Reading;

/// <summary>How the values of a flat Parquet column are read (its physical type and annotation).</summary>
internal enum ValueKind
{
    /// <summary>DOUBLE.</summary>
    Double,

    /// <summary>FLOAT, widened exactly to double.</summary>
    Float,

    /// <summary>INT32 (also INT(8|16|32, signed)).</summary>
    Int32,

    /// <summary>INT32 annotated INT(8|16|32, unsigned).</summary>
    UInt32,

    /// <summary>INT64 (also INT(64, signed)).</summary>
    Int64,

    /// <summary>INT64 annotated INT(64, unsigned).</summary>
    UInt64,

    /// <summary>INT32 annotated DECIMAL(p, s): unscaled / 10^s.</summary>
    Decimal32,

    /// <summary>INT64 annotated DECIMAL(p, s): unscaled / 10^s.</summary>
    Decimal64,

    /// <summary>BOOLEAN, counted as <c>true</c> and <c>false</c>.</summary>
    Boolean,

    /// <summary>BYTE_ARRAY annotated STRING or ENUM: UTF-8 text.</summary>
    Text,
}
