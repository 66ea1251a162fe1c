namespace ModelWatch.Monitoring;

/// <summary>
/// The rule for replica ids (<see cref="ModelWatchOptions.ReplicaId"/>): they name a replica's
/// entries in a shared store, so they hold only characters that are safe in entry names.
/// </summary>
internal static class ReplicaIds
{
    /// <summary>Whether a replica id is usable in entry names: 1 to 64 ASCII letters, digits, '-' or '_'.</summary>
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > 64)
        {
            return false;
        }

        foreach (char ch in id)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch != '-' && ch != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The machine's name as a replica id: characters outside the allowed set become '-'.</summary>
    public static string Default()
    {
        var name = Environment.MachineName;
        var chars = name.Length > 64 ? name[..64].ToCharArray() : name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] != '_')
            {
                chars[i] = '-';
            }
        }

        return chars.Length == 0 ? "replica" : new string(chars);
    }
}
