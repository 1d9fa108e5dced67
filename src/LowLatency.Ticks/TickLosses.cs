using System.Globalization;
using System.Text;

namespace LowLatency.Ticks;

/// <summary>
/// What a tick source read but did not deliver, so that nothing is lost silently: skipped rows counted by reason, and
/// damage that cut the input short (a truncated file, a dropped zip entry, skipped corrupt journal blocks), each one
/// line naming the file and where. Counting a reason seen before allocates nothing.
/// </summary>
public sealed class TickLosses
{
    private readonly List<string> _damage = [];
    private string[] _reasons = new string[4];
    private long[] _counts = new long[4];
    private int _reasonCount;

    /// <summary>Rows skipped, all reasons together.</summary>
    public long SkippedRows { get; private set; }

    /// <summary>Distinct skip reasons, in the order first seen.</summary>
    public int ReasonCount => _reasonCount;

    /// <summary>One line per damaged part of the input, naming the file and where the damage is.</summary>
    public IReadOnlyList<string> Damage => _damage;

    /// <summary>True when every row read was delivered or ignored by design and no input was cut short.</summary>
    public bool IsComplete => SkippedRows == 0 && _damage.Count == 0;

    /// <summary>The reason at <paramref name="index"/> (0 .. <see cref="ReasonCount"/>) and its row count.</summary>
    public (string Reason, long Rows) GetReason(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_reasonCount, nameof(index));
        return (_reasons[index], _counts[index]);
    }

    /// <summary>Counts <paramref name="rows"/> skipped rows for <paramref name="reason"/>, a short label such as
    /// <c>bad price</c>; pass a constant (or cached) string so the steady state allocates nothing.</summary>
    public void CountSkipped(string reason, long rows = 1)
    {
        ArgumentNullException.ThrowIfNull(reason);
        SkippedRows += rows;
        for (int i = 0; i < _reasonCount; i++)
        {
            if (ReferenceEquals(_reasons[i], reason) || _reasons[i] == reason)
            {
                _counts[i] += rows;
                return;
            }
        }

        if (_reasonCount == _reasons.Length)
        {
            Array.Resize(ref _reasons, _reasonCount * 2);
            Array.Resize(ref _counts, _reasonCount * 2);
        }

        _reasons[_reasonCount] = reason;
        _counts[_reasonCount++] = rows;
    }

    /// <summary>Records damage that cut input short: one line, e.g. <c>x.lltj: ends in a partial block at byte 4096; ...</c>.</summary>
    public void AddDamage(string description)
    {
        ArgumentException.ThrowIfNullOrEmpty(description);
        _damage.Add(description);
    }

    /// <summary>Adds every count and damage line of this source to <paramref name="total"/>.</summary>
    public void AddTo(TickLosses total)
    {
        ArgumentNullException.ThrowIfNull(total);
        for (int i = 0; i < _reasonCount; i++)
        {
            total.CountSkipped(_reasons[i], _counts[i]);
        }

        foreach (string damage in _damage)
        {
            total.AddDamage(damage);
        }
    }

    /// <summary>The skipped-row count with its reasons: <c>3 (extra fields 2, bad price 1)</c>, or <c>0</c>.</summary>
    public string DescribeSkipped()
    {
        var text = new StringBuilder(SkippedRows.ToString("N0", CultureInfo.InvariantCulture));
        for (int i = 0; i < _reasonCount; i++)
        {
            text.Append(i == 0 ? " (" : ", ").Append(_reasons[i]).Append(' ')
                .Append(_counts[i].ToString("N0", CultureInfo.InvariantCulture));
        }

        return (_reasonCount > 0 ? text.Append(')') : text).ToString();
    }
}
