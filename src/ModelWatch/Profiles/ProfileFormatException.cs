namespace ModelWatch.Profiles;

/// <summary>A profile file that cannot be read: not a profile, damaged, from a newer ModelWatch, or hostile.</summary>
public sealed class ProfileFormatException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ProfileFormatException"/> class.</summary>
    public ProfileFormatException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ProfileFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ProfileFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ProfileFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ProfileFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ProfileFormatException"/> class.</summary>
    /// <param name="filePath">The file (or other source) that could not be read.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ProfileFormatException(string filePath, string message, Exception? innerException)
        : base($"{filePath}: {message}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>Gets the file (or other source) that could not be read.</summary>
    public string? FilePath { get; }

    /// <summary>Gets the version the file declares, when it is newer than this ModelWatch reads.</summary>
    public int? FileFormatVersion { get; internal init; }
}
