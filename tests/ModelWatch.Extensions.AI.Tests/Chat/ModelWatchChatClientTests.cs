using Microsoft.Extensions.AI;
using ModelWatch.Extensions.AI.Tests.TestSupport;
using ModelWatch.Extensions.AI.Text;
using ModelWatch.Monitoring;

namespace ModelWatch.Extensions.AI.Tests.Chat;

public class ModelWatchChatClientTests
{
    private static readonly ChatMessage[] s_question =
    [
        new(ChatRole.System, "You are terse."),
        new(ChatRole.User, "Earlier question, not this call's."),
        new(ChatRole.Assistant, "Earlier answer."),
        new(ChatRole.User, "Where is the station? Thanks."),
    ];

    private static (ModelWatchChatClient Client, RecordingMonitor Monitor, ChatCounters Counters) Create(
        ScriptedChatClient inner, Action<ModelWatchChatOptions>? configure = null)
    {
        var options = new ModelWatchChatOptions();
        configure?.Invoke(options);
        var schema = ChatDescriptorSchema.Create("test", options);
        var monitor = new RecordingMonitor(new ModelSchema(schema.Numeric, ChatDescriptorSchema.Categorical, PredictionKind.None));
        var counters = new ChatCounters();
        return (new ModelWatchChatClient(inner, monitor, options, counters), monitor, counters);
    }

    [Fact]
    public async Task GetResponseAsync_TextAnswer_ReturnsTheSameResponseAndLogsItsDescriptors()
    {
        var response = ScriptedChatClient.Text("Go north. See https://example.org/map.", ChatFinishReason.Stop, new UsageDetails { InputTokenCount = 12, OutputTokenCount = 9 });
        var (client, monitor, _) = Create(new ScriptedChatClient(_ => response));

        var returned = await client.GetResponseAsync(s_question);

        Assert.Same(response, returned);
        Assert.Equal(29, monitor.Value(ChatDescriptorNames.PromptCharacters)); // the last user message only
        Assert.Equal(5, monitor.Value(ChatDescriptorNames.PromptWords));
        Assert.Equal(2, monitor.Value(ChatDescriptorNames.PromptSentences));
        Assert.Equal(2.0 / 25.0, monitor.Value(ChatDescriptorNames.PromptNonLetterShare), 15);
        Assert.Equal(38, monitor.Value(ChatDescriptorNames.ResponseCharacters));
        Assert.Equal(7, monitor.Value(ChatDescriptorNames.ResponseWords));    // Go north See https example org map
        Assert.Equal(2, monitor.Value(ChatDescriptorNames.ResponseSentences));
        Assert.Equal(0, monitor.Value(ChatDescriptorNames.ResponseToolCalls));
        Assert.Equal(12, monitor.Value(ChatDescriptorNames.InputTokens));
        Assert.Equal(9, monitor.Value(ChatDescriptorNames.OutputTokens));
        Assert.Equal("stop", monitor.Category(ChatDescriptorNames.FinishReason));
        Assert.Equal(JsonShape.None, monitor.Category(ChatDescriptorNames.Json));
        Assert.Equal("false", monitor.Category(ChatDescriptorNames.Refusal));
        Assert.Equal("true", monitor.Category(ChatDescriptorNames.Link));
    }

    [Fact]
    public async Task GetResponseAsync_RefusalAndToolCalls_AreDescribed()
    {
        var message = new ChatMessage(ChatRole.Assistant, [new TextContent("I'm sorry, but I can't share that."), new FunctionCallContent("1", "lookup"), new FunctionCallContent("2", "lookup")]);
        var (client, monitor, _) = Create(new ScriptedChatClient(_ => new ChatResponse(message) { FinishReason = new ChatFinishReason("provider_specific") }));

        await client.GetResponseAsync(s_question);

        Assert.Equal("true", monitor.Category(ChatDescriptorNames.Refusal));
        Assert.Equal(2, monitor.Value(ChatDescriptorNames.ResponseToolCalls));
        Assert.Equal("other", monitor.Category(ChatDescriptorNames.FinishReason)); // unknown reasons stay bounded
        Assert.True(double.IsNaN(monitor.Value(ChatDescriptorNames.InputTokens)));  // not reported: missing, not zero
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Chunks_PassUnchangedAndDescribeLikeOneResponse()
    {
        string[] chunks = ["{\"answer\": ", "\"north\", ", "\"confidence\": 0.9}"];
        var inner = new ScriptedChatClient(_ => ScriptedChatClient.Text(string.Concat(chunks)))
        {
            Stream = _ =>
            [
                .. chunks.Select(c => new ChatResponseUpdate(ChatRole.Assistant, c)),
                new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 7, OutputTokenCount = 11 })], FinishReason = ChatFinishReason.Stop },
            ],
        };
        var (client, streamed, _) = Create(inner);
        var (plainClient, plain, _) = Create(inner);

        var direct = await inner.GetStreamingResponseAsync(s_question).ToListAsync();
        var seen = await client.GetStreamingResponseAsync(s_question).ToListAsync();
        await plainClient.GetResponseAsync(s_question);

        Assert.Equal(direct.Select(u => u.Text), seen.Select(u => u.Text));
        Assert.Equal(JsonShape.Valid, streamed.Category(ChatDescriptorNames.Json));
        Assert.Equal(plain.Value(ChatDescriptorNames.ResponseCharacters), streamed.Value(ChatDescriptorNames.ResponseCharacters));
        Assert.Equal(plain.Value(ChatDescriptorNames.ResponseWords), streamed.Value(ChatDescriptorNames.ResponseWords));
        Assert.Equal(7, streamed.Value(ChatDescriptorNames.InputTokens));
        Assert.Equal(11, streamed.Value(ChatDescriptorNames.OutputTokens));
        Assert.Equal("stop", streamed.Category(ChatDescriptorNames.FinishReason));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SameUpdateInstances_InOrder()
    {
        var updates = Enumerable.Range(0, 50).Select(i => new ChatResponseUpdate(ChatRole.Assistant, $"w{i} ")).ToArray();
        var (client, _, _) = Create(new ScriptedChatClient(_ => ScriptedChatClient.Text("")) { Stream = _ => updates });

        var seen = await client.GetStreamingResponseAsync(s_question).ToListAsync();

        Assert.Equal(updates.Length, seen.Count);
        Assert.All(updates.Zip(seen), pair => Assert.Same(pair.First, pair.Second));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CallerStopsEarly_NothingLoggedAndCounted()
    {
        var (client, monitor, counters) = Create(new ScriptedChatClient(_ => ScriptedChatClient.Text("one two three four")) { Stream = r => r.Text.Split(' ').Select(w => new ChatResponseUpdate(ChatRole.Assistant, w)) });

        await foreach (var update in client.GetStreamingResponseAsync(s_question))
        {
            break;
        }

        Assert.Empty(monitor.Rows);
        Assert.Equal(1, counters.AbandonedStreams);
    }

    [Fact]
    public async Task GetResponseAsync_InnerClientFails_SameExceptionReachesCallerAndNothingIsLogged()
    {
        var failure = new HttpRequestException("provider down");
        var (client, monitor, counters) = Create(new ScriptedChatClient(_ => ScriptedChatClient.Text("x")) { Failure = failure });

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync(s_question));
        var streamed = await Assert.ThrowsAsync<HttpRequestException>(async () => await client.GetStreamingResponseAsync(s_question).ToListAsync());

        Assert.Same(failure, thrown);
        Assert.Same(failure, streamed);
        Assert.Empty(monitor.Rows);
        Assert.Equal(0, counters.Failures);
    }

    [Fact]
    public async Task GetResponseAsync_MonitorThrows_ResponseStillReturnedAndFailureCounted()
    {
        var response = ScriptedChatClient.Text("fine");
        var (client, monitor, counters) = Create(new ScriptedChatClient(_ => response));
        monitor.Failure = new InvalidOperationException("broken monitor");

        Assert.Same(response, await client.GetResponseAsync(s_question));
        var streamed = await client.GetStreamingResponseAsync(s_question).ToListAsync();

        Assert.Equal("fine", string.Concat(streamed.Select(u => u.Text)));
        Assert.Equal(2, counters.Failures);
    }

    [Fact]
    public async Task CustomDescriptor_ComputesFromSpans_AndAThrowingOneIsAMissingValue()
    {
        var (client, monitor, counters) = Create(
            new ScriptedChatClient(_ => ScriptedChatClient.Text("Answer: 42")),
            o => o.AddDescriptor("custom.digits", c => c.Response.Count('4') + c.Response.Count('2'))
                  .AddDescriptor("custom.broken", _ => throw new FormatException()));

        await client.GetResponseAsync(s_question);

        var row = monitor.Single.Numeric;
        Assert.Equal(2, row[^2]);
        Assert.True(double.IsNaN(row[^1]));
        Assert.Equal(1, counters.DescriptorFailures);
    }

    [Fact]
    public async Task MaxTextLength_LongerResponse_LoggedAsMissingAndCounted()
    {
        var (client, monitor, counters) = Create(new ScriptedChatClient(_ => ScriptedChatClient.Text(new string('a', 101))), o => o.MaxTextLength = 100);

        await client.GetResponseAsync(s_question);

        Assert.True(double.IsNaN(monitor.Value(ChatDescriptorNames.ResponseCharacters)));
        Assert.True(double.IsNaN(monitor.Value(ChatDescriptorNames.ResponseWords)));
        Assert.Null(monitor.Category(ChatDescriptorNames.Json));
        Assert.Equal(29, monitor.Value(ChatDescriptorNames.PromptCharacters)); // the prompt is still measured
        Assert.Equal(1, counters.TextsTooLong);
    }

    [Fact]
    public async Task MaxTextLength_LongStream_IsNeverBufferedPastTheLimit()
    {
        var (client, monitor, counters) = Create(
            new ScriptedChatClient(_ => ScriptedChatClient.Text("")) { Stream = _ => Enumerable.Range(0, 1_000).Select(_ => new ChatResponseUpdate(ChatRole.Assistant, new string('z', 1_000))) },
            o => o.MaxTextLength = 10_000);

        var seen = await client.GetStreamingResponseAsync(s_question).ToListAsync();

        Assert.Equal(1_000, seen.Count);
        Assert.True(double.IsNaN(monitor.Value(ChatDescriptorNames.ResponseCharacters)));
        Assert.Equal(1, counters.TextsTooLong);
    }

    public static TheoryData<int> AwkwardTexts => [0, 1, 2, 3, 4];

    private static readonly string[] s_awkward = ["", "   \n\t ", "ab" + (char)0xD800 + "cd " + (char)0xDFFF, "مرحبا بالعالم؟ שלום", "東京は晴れ。"];

    [Theory]
    [MemberData(nameof(AwkwardTexts))]
    public async Task GetResponseAsync_AwkwardText_LogsValuesNeverThrows(int which)
    {
        string text = s_awkward[which];
        var (client, monitor, counters) = Create(new ScriptedChatClient(_ => ScriptedChatClient.Text(text)));

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, text)]);

        Assert.Equal(TextMeasure.Measure(text).Characters, monitor.Value(ChatDescriptorNames.ResponseCharacters));
        Assert.Equal(0, counters.Failures);
        Assert.Equal(text.Any(char.IsSurrogate) ? 2 : 0, counters.TextsWithLoneSurrogates); // prompt and response
    }

    [Fact]
    public async Task GetResponseAsync_MultiMegabyteText_IsMeasured()
    {
        string text = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet. ", 100_000)); // 2.8 M chars, 5.6 MB
        var (client, monitor, _) = Create(new ScriptedChatClient(_ => ScriptedChatClient.Text(text)));

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, text)]);

        Assert.Equal(500_000, monitor.Value(ChatDescriptorNames.ResponseWords));
        Assert.Equal(100_000, monitor.Value(ChatDescriptorNames.PromptSentences));
    }

    [Fact]
    public void Record_TwoKilobyteJsonResponse_AllocatesNothingBeyondTheDescriptors()
    {
        var response = ScriptedChatClient.Text("{\"answer\":\"" + new string('x', 2_000) + "\"}", ChatFinishReason.Stop, new UsageDetails { InputTokenCount = 5, OutputTokenCount = 500 });
        var (client, monitor, _) = Create(new ScriptedChatClient(_ => response));
        monitor.Failure = null;
        var discard = new NullMonitor(monitor.Schema);
        var quiet = new ModelWatchChatClient(new ScriptedChatClient(_ => response), discard, new ModelWatchChatOptions(), new ChatCounters());
        quiet.Record(s_question, response);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            quiet.Record(s_question, response);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private sealed class NullMonitor(ModelSchema schema) : IModelMonitor
    {
        public string ModelName => "null";

        public string ModelVersion => "1";

        public ModelSchema Schema => schema;

        public void Log(in PredictionEntry prediction)
        {
        }

        public void RecordOutcome(string predictionId, double actual) => throw new NotSupportedException();

        public void RecordOutcome(string predictionId, double actual, DateTimeOffset timestamp) => throw new NotSupportedException();

        public void LogInput<TInput>(TInput input, double prediction) => throw new NotSupportedException();

        public PredictionScope StartPrediction() => throw new NotSupportedException();
    }
}
