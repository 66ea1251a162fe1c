namespace ModelWatch.Monitoring;

/// <summary>The meter ModelWatch records its metrics on; collect it with <c>AddMeter(ModelWatchMeter.Name)</c>.</summary>
public static class ModelWatchMeter
{
    /// <summary>The meter's name: <c>ModelWatch</c>.</summary>
    public const string Name = "ModelWatch";
}
