namespace ModelWatch.EmbeddingSample;

/// <summary>
/// The fortune cookie files of Debian's <c>fortunes</c> package (fortune-mod's data, BSD licence;
/// <c>apt-get install -y fortunes</c>), one file per topic: computers, food, love, science…
/// Each fortune is cut to its first 160 characters, about the length of a search query.
/// </summary>
public static class FortuneCorpus
{
    /// <summary>Where Debian installs the files.</summary>
    public const string Folder = "/usr/share/games/fortunes";

    /// <summary>The characters kept of each fortune.</summary>
    public const int MaxLength = 160;

    /// <summary>The fortunes of one topic, in a seeded random order, white space collapsed.</summary>
    /// <param name="topic">The file's name, e.g. <c>computers</c>.</param>
    /// <param name="seed">The order's seed.</param>
    /// <returns>The fortunes.</returns>
    /// <exception cref="FileNotFoundException">The package is not installed.</exception>
    public static string[] Load(string topic, int seed)
    {
        string path = Path.Combine(Folder, topic);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: install Debian's fortune cookie files (apt-get install -y fortunes).", path);
        }

        var fortunes = File.ReadAllText(path)
            .Split("\n%\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(f => string.Join(' ', f.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(f => f.Length > 0 && f != "%")
            .Select(f => f.Length > MaxLength ? f[..MaxLength] : f)
            .ToArray();
        new Random(seed).Shuffle(fortunes);
        return fortunes;
    }
}
