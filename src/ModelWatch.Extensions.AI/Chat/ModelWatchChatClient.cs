using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using ModelWatch.Monitoring;

namespace ModelWatch.Extensions.AI;

/// <summary>
/// A delegating chat client that logs the descriptors of every completed call into a ModelWatch
/// monitor. The response (or every streamed update) is passed on untouched and in order; the
/// inner client's exceptions reach the caller unchanged; a failure of ModelWatch's own is counted,
/// never thrown.
/// </summary>
internal sealed class ModelWatchChatClient : DelegatingChatClient
{
    private readonly IModelMonitor _monitor;
    private readonly ChatDescriptors _descriptors;
    private readonly ChatCounters _counters;
    private readonly int _maxTextLength;

    public ModelWatchChatClient(IChatClient innerClient, IModelMonitor monitor, ModelWatchChatOptions options, ChatCounters counters)
        : base(innerClient)
    {
        _monitor = monitor;
        _counters = counters;
        _descriptors = new ChatDescriptors(options, counters);
        _maxTextLength = options.MaxTextLength;
    }

    internal ChatCounters Counters => _counters;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        Record(messages, response);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = new ChatCall(_maxTextLength);
        bool completed = false;
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                Gather(ref call, update);
                yield return update;
            }

            completed = true;
        }
        finally
        {
            // Only a stream read to its end describes a response; one the caller left early is counted.
            if (completed)
            {
                Record(messages, ref call);
            }
            else
            {
                _counters.StreamAbandoned();
            }

            call.Release();
        }
    }

    private void Gather(ref ChatCall call, ChatResponseUpdate update)
    {
        try
        {
            call.AddUpdate(update);
        }
        catch (Exception)
        {
            _counters.Failed();
        }
    }

    internal void Record(IEnumerable<ChatMessage> messages, ChatResponse response)
    {
        var call = new ChatCall(_maxTextLength);
        try
        {
            call.AddResponse(response);
            Record(messages, ref call);
        }
        catch (Exception)
        {
            _counters.Failed();
        }
        finally
        {
            call.Release();
        }
    }

    private void Record(IEnumerable<ChatMessage> messages, ref ChatCall call)
    {
        try
        {
            call.AddPrompt(messages);
            Span<double> numeric = stackalloc double[_descriptors.NumericCount];
            var categorical = default(CategoricalRow);
            _descriptors.Compute(call, numeric, categorical);
            _monitor.Log(numeric, categorical, 0.0);
        }
        catch (Exception)
        {
            // Never into the caller: the response is already theirs.
            _counters.Failed();
        }
    }

    [InlineArray(4)]
    private struct CategoricalRow
    {
        private string? _element;
    }
}
