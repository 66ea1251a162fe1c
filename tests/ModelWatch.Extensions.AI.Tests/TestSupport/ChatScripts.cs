using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace ModelWatch.Extensions.AI.Tests.TestSupport;

/// <summary>Seeded answers whose character changes on demand: longer, more refusals.</summary>
internal static class ChatScripts
{
    private static readonly string[] s_words = ["train", "station", "north", "ticket", "platform", "city", "bus", "walk", "left", "right", "minutes", "map"];

    public static string Answer(Random random, bool drifted, string? marker = null)
    {
        if (random.NextDouble() < (drifted ? 0.4 : 0.05))
        {
            return "I'm sorry, but I can't help with that request.";
        }

        int words = drifted ? random.Next(80, 200) : random.Next(10, 40);
        var text = new StringBuilder();
        for (int i = 0; i < words; i++)
        {
            text.Append(i == 0 ? "Take" : s_words[random.Next(s_words.Length)]);
            text.Append(i % 9 == 8 ? ". " : " ");
        }

        if (marker is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" {marker}.");
        }

        return text.ToString().TrimEnd();
    }

    public static ChatMessage[] Question(Random random, string? marker = null) =>
        [new ChatMessage(ChatRole.User, $"How do I get to the {s_words[random.Next(s_words.Length)]}? {marker}")];
}
