namespace LowLatency.Ticks.Parquet.Internal;

/// <summary>The Parquet physical types the tick table uses, with their Thrift enum values (parquet.thrift <c>Type</c>).</summary>
internal enum ParquetPhysicalType
{
    Int32 = 1,
    Int64 = 2,
    ByteArray = 6,
}
