using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using LowLatency.Market.Internal;

namespace LowLatency.Market;

/// <summary>
/// Interns symbol names to dense <see cref="SymbolId"/>s 0..<see cref="Count"/>-1, at most <see cref="Capacity"/> of them,
/// so every stage can size its per-symbol arrays once. Adding allocates (setup or ingest time); looking up a known
/// symbol by span does not.
/// </summary>
/// <remarks>
/// Adds and name lookups (<see cref="GetOrAdd(string)"/>, <see cref="TryGetId(ReadOnlySpan{char}, out SymbolId)"/>) belong
/// to one thread, normally the producer. <see cref="Count"/>, <see cref="Contains"/> and <see cref="GetName"/> may be read
/// from any thread: a symbol added before an event is published is visible to the stages that see that event.
/// </remarks>
public sealed class SymbolTable
{
    /// <summary>Room for a US equity universe (about 10,000 listed symbols) with headroom. Per-symbol state across the
    /// stages costs about 4.4 KB a symbol (mostly the aggregator's rolling-window buckets), so a pipeline at this default
    /// allocates about 81 MB once, at build; pages of symbols never seen are never touched.</summary>
    public const int DefaultCapacity = 16_384;

    /// <summary>Largest capacity accepted: 2^20 symbols already means several GB of per-symbol state.</summary>
    public const int MaxCapacity = 1 << 20;

    // Longest name the UTF-8 lookup transcodes on the stack; longer names cannot be interned anyway in practice.
    private const int MaxUtf8LookupChars = 128;

    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;
    private readonly string[] _names;
    private int _count;

    public SymbolTable(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxCapacity);
        Capacity = capacity;
        _names = new string[capacity];
        _ids = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _spanLookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Maximum number of symbols; stages size their per-symbol arrays by it.</summary>
    public int Capacity { get; }

    /// <summary>Number of symbols interned so far; ids are 0..Count-1.</summary>
    public int Count => Volatile.Read(ref _count); // acquire: pairs with the release in Add, so _names[id] is set

    /// <summary>Returns the id of <paramref name="name"/>, interning it first if new.</summary>
    /// <exception cref="SymbolTableFullException">The table is full.</exception>
    public SymbolId GetOrAdd(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _ids.TryGetValue(name, out int id) ? new SymbolId(id) : Add(name);
    }

    /// <summary>Span overload of <see cref="GetOrAdd(string)"/>: allocates the name string only when it is new.</summary>
    public SymbolId GetOrAdd(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            ThrowHelper.ThrowArgument(nameof(name), "A symbol name cannot be empty.");
        }

        return _spanLookup.TryGetValue(name, out int id) ? new SymbolId(id) : Add(name.ToString());
    }

    /// <summary>Like <see cref="GetOrAdd(string)"/>, but false instead of a throw when <paramref name="name"/> is new and the
    /// table is full, for callers that must stop cleanly at that point (a consumer that may not skip the message).</summary>
    public bool TryGetOrAdd(string name, out SymbolId id)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_ids.TryGetValue(name, out int value))
        {
            id = new SymbolId(value);
            return true;
        }

        if (_count == Capacity)
        {
            id = default;
            return false;
        }

        id = Add(name);
        return true;
    }

    /// <summary>Looks up a known symbol without allocating.</summary>
    public bool TryGetId(ReadOnlySpan<char> name, out SymbolId id)
    {
        if (_spanLookup.TryGetValue(name, out int value))
        {
            id = new SymbolId(value);
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>Looks up a known symbol from UTF-8 text (e.g. a raw CSV field) without allocating.</summary>
    public bool TryGetId(ReadOnlySpan<byte> utf8Name, out SymbolId id)
    {
        id = default;
        if (utf8Name.Length > MaxUtf8LookupChars)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxUtf8LookupChars];
        if (Utf8.ToUtf16(utf8Name, chars, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return false;
        }

        return TryGetId(chars[..written], out id);
    }

    /// <summary>True when <paramref name="id"/> has been assigned.</summary>
    public bool Contains(SymbolId id) => (uint)id.Value < (uint)Count;

    /// <summary>The interned name of <paramref name="id"/>.</summary>
    public string GetName(SymbolId id)
    {
        if (!Contains(id))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(id), "The symbol id is not in this table.");
        }

        return _names[id.Value];
    }

    private SymbolId Add(string name)
    {
        int id = _count;
        if (id == Capacity)
        {
            ThrowFull(name);
        }

        _names[id] = name;
        _ids.Add(name, id);
        Volatile.Write(ref _count, id + 1); // release: _names[id] is visible before the new count
        return new SymbolId(id);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowFull(string name) => throw new SymbolTableFullException(Capacity, name);
}
