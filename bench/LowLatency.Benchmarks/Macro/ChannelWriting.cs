using System.Runtime.CompilerServices;
using System.Threading.Channels;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>The producer side of every Channel rival: synchronous <c>TryWrite</c>, and a bounded spin-then-yield while full.</summary>
internal static class ChannelWriting
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(ChannelWriter<MarketEvent> writer, in MarketEvent e)
    {
        if (!writer.TryWrite(e))
        {
            WriteWhenRoom(writer, in e);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteWhenRoom(ChannelWriter<MarketEvent> writer, in MarketEvent e)
    {
        var spin = new BoundedSpin();
        while (!writer.TryWrite(e))
        {
            spin.SpinOnce("room in the channel");
        }
    }
}
