namespace ModelWatch.Monitoring;

/// <summary>Records that a model was declared at registration; its settings are the named <see cref="ModelOptions"/> of the same name.</summary>
/// <param name="Name">The model's name.</param>
internal sealed record ModelRegistration(string Name);
