namespace LowLatency.Ticks.Import.Internal;

/// <summary>Walks the comma-separated fields of one row in place (LEAN CSVs have no quoting).</summary>
internal ref struct LeanCsvRow
{
    private readonly ReadOnlySpan<byte> _line;

    // Start of the next field; past the end once the last field was returned.
    private int _next;

    public LeanCsvRow(ReadOnlySpan<byte> line) => _line = line;

    public readonly ReadOnlySpan<byte> Line => _line;

    /// <summary>Offset in <see cref="Line"/> of the field <see cref="TryNext"/> returned last.</summary>
    public int FieldStart { get; private set; }

    /// <summary>True while fields remain (a trailing comma leaves one empty field).</summary>
    public readonly bool HasMore => _next <= _line.Length;

    public bool TryNext(out ReadOnlySpan<byte> field)
    {
        if (_next > _line.Length)
        {
            field = default;
            return false;
        }

        ReadOnlySpan<byte> rest = _line[_next..];
        int comma = rest.IndexOf((byte)',');
        int length = comma < 0 ? rest.Length : comma;
        field = rest[..length];
        FieldStart = _next;
        _next += length + 1;
        return true;
    }
}
