namespace LowLatency.Ticks;

/// <summary>
/// Merges several tick sources into one stream in timestamp order, stable for equal timestamps: ties go to the source
/// listed first, and within a source file order is kept. Holds one look-ahead event per source in a binary heap;
/// nothing is allocated per event.
/// </summary>
public sealed class TickMerger : ITickSource
{
    private readonly ITickSource[] _sources;
    private readonly MarketEvent[] _heads;
    private readonly int[] _heap; // source indexes, ordered by (head timestamp, source index)
    private int _heapCount;

    public TickMerger(IReadOnlyList<ITickSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = [.. sources];
        _heads = new MarketEvent[_sources.Length];
        _heap = new int[_sources.Length];
        for (int i = 0; i < _sources.Length; i++)
        {
            if (_sources[i].TryRead(ref _heads[i]))
            {
                _heap[_heapCount] = i;
                SiftUp(_heapCount++);
            }
        }
    }

    public string Name => _sources.Length == 1 ? _sources[0].Name : $"{_sources.Length} inputs";

    public IReadOnlyList<ITickSource> Sources => _sources;

    /// <summary>True while another event is available; lets a producer claim a ring slot only when it will fill it.</summary>
    public bool HasNext => _heapCount > 0;

    /// <summary>The next event, not yet consumed (valid while <see cref="HasNext"/>).</summary>
    public ref readonly MarketEvent Peek => ref _heads[_heap[0]];

    public long RowsRead => Sum(static s => s.RowsRead);

    public long SkippedRows => Sum(static s => s.SkippedRows);

    public long IgnoredRows => Sum(static s => s.IgnoredRows);

    /// <summary>Every source's losses added up (a new object per call: read it once, at the end).</summary>
    public TickLosses Losses
    {
        get
        {
            var total = new TickLosses();
            foreach (ITickSource s in _sources)
            {
                s.Losses.AddTo(total);
            }

            return total;
        }
    }

    public bool TryRead(ref MarketEvent e)
    {
        if (_heapCount == 0)
        {
            return false;
        }

        int source = _heap[0];
        e = _heads[source];
        if (_sources[source].TryRead(ref _heads[source]))
        {
            SiftDown(0);
        }
        else
        {
            _heap[0] = _heap[--_heapCount];
            SiftDown(0);
        }

        return true;
    }

    public void Dispose()
    {
        foreach (ITickSource s in _sources)
        {
            s.Dispose();
        }
    }

    private long Sum(Func<ITickSource, long> counter)
    {
        long total = 0;
        foreach (ITickSource s in _sources)
        {
            total += counter(s);
        }

        return total;
    }

    private bool Before(int a, int b)
    {
        long ta = _heads[a].TimestampNs, tb = _heads[b].TimestampNs;
        return ta < tb || (ta == tb && a < b);
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Before(_heap[i], _heap[parent]))
            {
                return;
            }

            (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int left = (2 * i) + 1, smallest = i;
            if (left < _heapCount && Before(_heap[left], _heap[smallest]))
            {
                smallest = left;
            }

            if (left + 1 < _heapCount && Before(_heap[left + 1], _heap[smallest]))
            {
                smallest = left + 1;
            }

            if (smallest == i)
            {
                return;
            }

            (_heap[i], _heap[smallest]) = (_heap[smallest], _heap[i]);
            i = smallest;
        }
    }
}
