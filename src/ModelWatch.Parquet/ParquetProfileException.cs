namespace ModelWatch.Parquet;

/// <summary>
/// A Parquet file cannot be profiled as asked: it is missing, unreadable or damaged, a column has a
/// type ModelWatch does not profile, or the options name a column the file lacks. The message names
/// the file and, where there is one, the column.
/// </summary>
public sealed class ParquetProfileException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ParquetProfileException"/> class.</summary>
    public ParquetProfileException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ParquetProfileException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public ParquetProfileException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ParquetProfileException"/> class with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ParquetProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
