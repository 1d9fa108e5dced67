namespace LowLatency.Kafka;

/// <summary>The words a <see cref="TickDecodeResult"/> is logged, dead-lettered (<c>reason</c> header) and summarized with.</summary>
public static class TickDecodeResultText
{
    /// <summary>"undecodable", "missing timestamp", "timestamp out of range", "symbol table full"; "ok" for a tick.</summary>
    public static string ToReason(this TickDecodeResult result) => result switch
    {
        TickDecodeResult.Ok => "ok",
        TickDecodeResult.Undecodable => "undecodable",
        TickDecodeResult.MissingTimestamp => "missing timestamp",
        TickDecodeResult.TimestampOutOfRange => "timestamp out of range",
        TickDecodeResult.SymbolTableFull => "symbol table full",
        _ => result.ToString(),
    };
}
