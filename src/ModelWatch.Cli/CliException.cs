namespace ModelWatch.Cli;

/// <summary>A usage or input error: its message is shown to the user as is, and the tool exits with 2.</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
