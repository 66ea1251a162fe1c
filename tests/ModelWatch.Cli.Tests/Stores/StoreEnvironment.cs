namespace ModelWatch.Cli.Tests.Stores;

/// <summary>
/// The store tests hand credentials to the tool through the process's environment, as a shell does;
/// they run in one collection, one at a time, so no other test sees a variable change under it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StoreEnvironment
{
    public const string Name = "store environment";

    public static void Set(string variable, string value) => Environment.SetEnvironmentVariable(variable, value);
}
