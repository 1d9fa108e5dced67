namespace LowLatency.Ticks.Parquet.Internal;

/// <summary>One column of the tick table as it is written to the footer: name, physical and logical type, nullability.</summary>
internal readonly record struct ParquetColumn(string Name, ParquetPhysicalType Physical, ParquetLogicalType Logical, bool Optional);
