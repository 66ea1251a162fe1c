using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ModelWatch.Extensions.AI.Benchmarks;

/// <summary>
/// What <c>UseModelWatch</c> adds to a chat call: the same inner client (a completed task returning
/// one cached 2 kB response) called directly and through the middleware, which computes every
/// descriptor of the prompt and the response and logs them into a real ModelWatch monitor.
/// </summary>
[MemoryDiagnoser]
public class ChatMiddlewareBenchmarks
{
    private static readonly ChatMessage[] s_question = [new(ChatRole.User, "Can you summarise my last three orders, please?")];

    private ServiceProvider _services = null!;
#pragma warning disable CA1859 // both clients are called through IChatClient, as an application calls them
    private IChatClient _bare = null!;
#pragma warning restore CA1859
    private IChatClient _watched = null!;

    [Params("text", "json")]
    public string Response { get; set; } = "text";

    [GlobalSetup]
    public void Setup()
    {
        string text = Response == "json"
            ? "{\"orders\":[" + string.Join(',', Enumerable.Range(0, 40).Select(i => $"{{\"id\":{1000 + i},\"status\":\"shipped\"}}")) + "]}"
            : string.Concat(Enumerable.Repeat("Your order shipped on Monday and should arrive within three days. ", 31));
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text[..Math.Min(text.Length, 2_048)]))
        {
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 12, OutputTokenCount = 512 },
        };

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddModelWatch();
        _services = services.BuildServiceProvider();
        _bare = new CachedChatClient(response);
        _watched = new CachedChatClient(response).AsBuilder().UseModelWatch("support-bot").Build(_services);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Direct() => _bare.GetResponseAsync(s_question);

    [Benchmark]
    public Task<ChatResponse> ThroughUseModelWatch() => _watched.GetResponseAsync(s_question);

    private sealed class CachedChatClient(ChatResponse response) : IChatClient
    {
        private readonly Task<ChatResponse> _response = Task.FromResult(response);

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => _response;

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
