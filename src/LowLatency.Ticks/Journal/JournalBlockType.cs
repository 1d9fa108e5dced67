namespace LowLatency.Ticks.Journal;

/// <summary>What a journal block's payload holds (<see cref="JournalFormat.BlockTypeOffset"/>).</summary>
public enum JournalBlockType : ushort
{
    /// <summary>Symbol definitions; each precedes the first record that uses its ids.</summary>
    Symbols = 1,

    /// <summary>Fixed-size tick records.</summary>
    Records = 2,
}
