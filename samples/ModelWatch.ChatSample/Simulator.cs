using System.Globalization;
using System.Net.Http.Json;

namespace ModelWatch.ChatSample;

/// <summary>
/// The sample acting as its own users: sends questions to <c>POST /ask</c>, one at a time, in a
/// seeded order, pausing after every <c>--phase</c> (300) calls for longer than the evaluation
/// interval, so each phase lands in a window of its own: the reference, a window of the same
/// behaviour, and the window after the bot changed.
/// </summary>
internal static class Simulator
{
    private static readonly string[] s_questions =
    [
        "How do I reset my password?", "Where is my order?", "Can I get a refund?", "Why does the app crash on start?",
        "What is the status of order 12345?", "How do I change my card?", "Why am I not getting notifications?",
        "How do I delete my account?", "Can you track my order please?", "The page does not load, what should I do?",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        int at = Array.IndexOf(args, "--simulate");
        if (at + 1 >= args.Length || !Uri.TryCreate(args[at + 1], UriKind.Absolute, out var baseUrl))
        {
            Console.Error.WriteLine("usage: ModelWatch.ChatSample --simulate <baseUrl> [--calls N] [--seed S]   [--phase N] [--pause-ms MS]   (defaults 900, 1, 300, 2500)");
            return 2;
        }

        int calls = Program.Option(args, "--calls", 900);
        int phase = Program.Option(args, "--phase", 300);
        var pause = TimeSpan.FromMilliseconds(Program.Option(args, "--pause-ms", 2_500));
        var random = new Random(Program.Option(args, "--seed", 1));
        using var http = new HttpClient { BaseAddress = baseUrl };
        int sent = 0, failed = 0;
        for (int i = 0; i < calls; i++)
        {
            if (i > 0 && phase > 0 && i % phase == 0)
            {
                await Task.Delay(pause);
            }

            try
            {
                using var response = await http.PostAsJsonAsync("/ask", new AskRequest(s_questions[random.Next(s_questions.Length)]));
                if (response.IsSuccessStatusCode)
                {
                    sent++;
                }
                else
                {
                    failed++;
                }
            }
            catch (HttpRequestException)
            {
                failed++;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent: {sent} questions, {failed} failed"));
        return failed == 0 ? 0 : 1;
    }
}
