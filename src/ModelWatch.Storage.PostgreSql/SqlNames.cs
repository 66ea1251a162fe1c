namespace ModelWatch.Storage.PostgreSql;

/// <summary>The table's and schema's names: plain identifiers only, so they can be quoted into SQL without any doubt.</summary>
internal static class SqlNames
{
    /// <summary>PostgreSQL's NAMEDATALEN less one.</summary>
    private const int MaxLength = 63;

    public static void Check(string? name, string setting)
    {
        bool plain = !string.IsNullOrEmpty(name) && name.Length <= MaxLength && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        if (!plain)
        {
            throw new ArgumentException($"PostgreSqlStoreOptions.{setting} must be an identifier of ASCII letters, digits and '_' (not first a digit), at most {MaxLength} characters; it is '{name}'.", setting);
        }
    }

    /// <summary>The quoted, schema-qualified table name.</summary>
    public static string Table(string? schema, string table) => schema is null ? $"\"{table}\"" : $"\"{schema}\".\"{table}\"";
}
