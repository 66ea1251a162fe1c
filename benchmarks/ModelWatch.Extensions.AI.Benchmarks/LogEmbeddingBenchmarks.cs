using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.DependencyInjection;
using ModelWatch.Extensions.AI;
using ModelWatch.Extensions.AI.Embeddings;

namespace ModelWatch.Extensions.AI.Benchmarks;

/// <summary>
/// <c>EmbeddingMonitor.LogEmbedding</c> of a 384-dimension unit vector (after the reference is
/// full, so each call goes to the current window): validation, the projection to 64 components,
/// the ModelWatch log of those components, the streamed mean and the reservoir. The projection alone
/// is measured beside it.
/// </summary>
[MemoryDiagnoser]
public class LogEmbeddingBenchmarks
{
    private const int Dimension = 384;
    private const int Vectors = 256;

    private readonly float[][] _vectors = new float[Vectors][];
    private ServiceProvider _services = null!;
    private EmbeddingMonitor _monitor = null!;
    private RandomProjection _projection = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (int i = 0; i < Vectors; i++)
        {
            var v = new float[Dimension];
            double norm = 0;
            for (int d = 0; d < Dimension; d++)
            {
                v[d] = (float)(random.NextDouble() - 0.5);
                norm += (double)v[d] * v[d];
            }

            for (int d = 0; d < Dimension; d++)
            {
                v[d] = (float)(v[d] / Math.Sqrt(norm));
            }

            _vectors[i] = v;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddModelWatch().AddEmbeddingModel("search-embeddings", Dimension);
        _services = services.BuildServiceProvider();
        _monitor = _services.GetRequiredKeyedService<EmbeddingMonitor>("search-embeddings");
        for (int i = 0; i < 2_000; i++)
        {
            _monitor.LogEmbedding(_vectors[i % Vectors]); // past the reference
        }

        _projection = new RandomProjection(Dimension, 64, 19);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public double ProjectOnly()
    {
        Span<double> components = stackalloc double[64];
        _projection.Project(_vectors[_next++ & (Vectors - 1)], components);
        return components[0];
    }

    [Benchmark]
    public void LogEmbedding() => _monitor.LogEmbedding(_vectors[_next++ & (Vectors - 1)]);
}
