namespace ModelWatch.Monitoring;

/// <summary>Per-thread buffers that typed inputs are mapped into, grown once to the largest schema.</summary>
internal sealed class ScratchBuffers
{
    [ThreadStatic]
    private static ScratchBuffers? t_buffers;

    public double[] Numeric { get; private set; } = new double[16];

    public string?[] Categorical { get; private set; } = new string?[8];

    public static ScratchBuffers Get(int numeric, int categorical)
    {
        var buffers = t_buffers ??= new ScratchBuffers();
        if (buffers.Numeric.Length < numeric)
        {
            buffers.Numeric = new double[numeric];
        }

        if (buffers.Categorical.Length < categorical)
        {
            buffers.Categorical = new string?[categorical];
        }

        return buffers;
    }
}
