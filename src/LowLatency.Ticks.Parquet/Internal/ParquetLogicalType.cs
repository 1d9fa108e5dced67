namespace LowLatency.Ticks.Parquet.Internal;

/// <summary>The logical annotations the tick table uses.</summary>
internal enum ParquetLogicalType
{
    /// <summary>TIMESTAMP(isAdjustedToUTC = true, unit = NANOS) on INT64.</summary>
    TimestampNanosUtc,

    /// <summary>STRING (converted type UTF8) on BYTE_ARRAY.</summary>
    String,

    /// <summary>DECIMAL(18, 8) on INT64 (converted type DECIMAL): the unscaled value is <see cref="FixedPoint.Raw"/>.</summary>
    Decimal,

    /// <summary>INTEGER(8, unsigned) on INT32 (converted type UINT_8).</summary>
    UInt8,
}
