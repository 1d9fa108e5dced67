using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace LowLatency.Ticks.Parquet.Internal;

/// <summary>
/// Replaces the schema of a finished Parquet file's footer with the tick table's own, so the columns carry the logical
/// types Parquet.Net cannot write from raw values: TIMESTAMP(NANOS, UTC) (its timestamps go through DateTime, 100 ns
/// ticks) and DECIMAL(18,8) over INT64 (its decimals go through <see cref="decimal"/>). The data pages, statistics and
/// column orders stay as written: an INT64 column's bytes and its signed min/max mean the same under either annotation.
/// </summary>
/// <remarks>
/// The footer is a Thrift compact-protocol <c>FileMetaData</c>; field 2 is the schema list. The other fields are copied
/// byte for byte (compact field headers hold the delta from the previous field id, which stays 2), the new footer
/// length is written, and the file ends with <c>PAR1</c> as before.
/// </remarks>
internal static class ParquetFooterRewriter
{
    // Thrift compact-protocol type codes.
    private const byte Stop = 0, BoolTrue = 1, BoolFalse = 2, I8 = 3, I16 = 4, I32 = 5, I64 = 6, F64 = 7, Binary = 8;
    private const byte ListType = 9, SetType = 10, MapType = 11, Struct = 12;

    // parquet.thrift enums.
    private const int Required = 0, Optional = 1;
    private const int ConvertedUtf8 = 0, ConvertedDecimal = 5, ConvertedUInt8 = 11;

    public static void ReplaceSchema(FileStream file, IReadOnlyList<ParquetColumn> columns)
    {
        long length = file.Length;
        Span<byte> tail = stackalloc byte[8];
        file.Position = length - 8;
        file.ReadExactly(tail);
        if (!tail[4..].SequenceEqual("PAR1"u8))
        {
            throw new InvalidDataException("the Parquet writer left no footer");
        }

        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        long footerStart = length - 8 - footerLength;
        byte[] footer = new byte[footerLength];
        file.Position = footerStart;
        file.ReadExactly(footer);

        byte[] rewritten = Rewrite(footer, columns);
        file.Position = footerStart;
        file.Write(rewritten);
        BinaryPrimitives.WriteInt32LittleEndian(tail, rewritten.Length);
        "PAR1"u8.CopyTo(tail[4..]);
        file.Write(tail);
        file.SetLength(footerStart + rewritten.Length + 8);
    }

    internal static byte[] Rewrite(ReadOnlySpan<byte> footer, IReadOnlyList<ParquetColumn> columns)
    {
        var output = new ArrayBufferWriter<byte>(footer.Length + 256);
        int position = 0;
        short lastId = 0;
        bool replaced = false;
        while (true)
        {
            int headerStart = position;
            byte header = footer[position++];
            if (header == Stop)
            {
                output.Write(footer[headerStart..position]);
                break;
            }

            byte type = (byte)(header & 0x0F);
            int delta = header >> 4;
            short id = delta != 0 ? (short)(lastId + delta) : (short)ZigZag(ReadVarint(footer, ref position));
            lastId = id;
            int valueStart = position;
            Skip(footer, ref position, type);
            if (id == 2 && type == ListType)
            {
                output.Write(footer[headerStart..valueStart]);
                WriteSchema(output, columns);
                replaced = true;
            }
            else
            {
                output.Write(footer[headerStart..position]);
            }
        }

        if (!replaced)
        {
            throw new InvalidDataException("the Parquet footer has no schema list");
        }

        output.Write(footer[position..]);
        return output.WrittenSpan.ToArray();
    }

    private static void WriteSchema(ArrayBufferWriter<byte> o, IReadOnlyList<ParquetColumn> columns)
    {
        int count = columns.Count + 1;
        if (count < 15)
        {
            WriteByte(o, (byte)((count << 4) | Struct));
        }
        else
        {
            WriteByte(o, 0xF0 | Struct);
            WriteVarint(o, (ulong)count);
        }

        // Root: name, num_children.
        short last = 0;
        WriteBinaryField(o, ref last, 4, "schema");
        WriteI32Field(o, ref last, 5, columns.Count);
        WriteByte(o, Stop);

        foreach (ParquetColumn column in columns)
        {
            last = 0;
            WriteI32Field(o, ref last, 1, (int)column.Physical);
            WriteI32Field(o, ref last, 3, column.Optional ? Optional : Required);
            WriteBinaryField(o, ref last, 4, column.Name);
            if (column.Logical != ParquetLogicalType.TimestampNanosUtc)
            {
                WriteI32Field(o, ref last, 6, column.Logical switch
                {
                    ParquetLogicalType.String => ConvertedUtf8,
                    ParquetLogicalType.Decimal => ConvertedDecimal,
                    _ => ConvertedUInt8,
                });
            }

            if (column.Logical == ParquetLogicalType.Decimal)
            {
                WriteI32Field(o, ref last, 7, ParquetTickSchema.DecimalScale);
                WriteI32Field(o, ref last, 8, ParquetTickSchema.DecimalPrecision);
            }

            WriteFieldHeader(o, ref last, 10, Struct); // logicalType: a union, one member set
            short member = 0;
            short inner = 0;
            switch (column.Logical)
            {
                case ParquetLogicalType.String:
                    WriteEmptyStruct(o, ref member, 1); // STRING: StringType {}
                    break;
                case ParquetLogicalType.Decimal:
                    WriteFieldHeader(o, ref member, 5, Struct); // DECIMAL: DecimalType { 1: scale, 2: precision }
                    WriteI32Field(o, ref inner, 1, ParquetTickSchema.DecimalScale);
                    WriteI32Field(o, ref inner, 2, ParquetTickSchema.DecimalPrecision);
                    WriteByte(o, Stop);
                    break;
                case ParquetLogicalType.TimestampNanosUtc:
                    WriteFieldHeader(o, ref member, 8, Struct); // TIMESTAMP: TimestampType { 1: isAdjustedToUTC, 2: unit }
                    WriteFieldHeader(o, ref inner, 1, BoolTrue);
                    WriteFieldHeader(o, ref inner, 2, Struct); // TimeUnit: a union
                    short unit = 0;
                    WriteEmptyStruct(o, ref unit, 3); // NANOS: NanoSeconds {}
                    WriteByte(o, Stop); // end of TimeUnit
                    WriteByte(o, Stop); // end of TimestampType
                    break;
                case ParquetLogicalType.UInt8:
                    WriteFieldHeader(o, ref member, 10, Struct); // INTEGER: IntType { 1: bitWidth, 2: isSigned }
                    WriteFieldHeader(o, ref inner, 1, I8);
                    WriteByte(o, 8);
                    WriteFieldHeader(o, ref inner, 2, BoolFalse);
                    WriteByte(o, Stop);
                    break;
            }

            WriteByte(o, Stop); // end of LogicalType
            WriteByte(o, Stop); // end of SchemaElement
        }
    }

    // A struct field with no fields: { id: {} }.
    private static void WriteEmptyStruct(ArrayBufferWriter<byte> o, ref short last, short id)
    {
        WriteFieldHeader(o, ref last, id, Struct);
        WriteByte(o, Stop);
    }

    private static void WriteI32Field(ArrayBufferWriter<byte> o, ref short last, short id, int value)
    {
        WriteFieldHeader(o, ref last, id, I32);
        WriteVarint(o, (uint)((value << 1) ^ (value >> 31)));
    }

    private static void WriteBinaryField(ArrayBufferWriter<byte> o, ref short last, short id, string value)
    {
        WriteFieldHeader(o, ref last, id, Binary);
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        WriteVarint(o, (ulong)bytes.Length);
        o.Write(bytes);
    }

    private static void WriteFieldHeader(ArrayBufferWriter<byte> o, ref short last, short id, byte type)
    {
        int delta = id - last;
        if (delta is > 0 and <= 15)
        {
            WriteByte(o, (byte)((delta << 4) | type));
        }
        else
        {
            WriteByte(o, type);
            WriteVarint(o, (uint)((id << 1) ^ (id >> 15)));
        }

        last = id;
    }

    private static void WriteByte(ArrayBufferWriter<byte> o, byte value)
    {
        o.GetSpan(1)[0] = value;
        o.Advance(1);
    }

    private static void WriteVarint(ArrayBufferWriter<byte> o, ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte(o, (byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte(o, (byte)value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("bad varint in the Parquet footer");
    }

    private static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static void Skip(ReadOnlySpan<byte> data, ref int position, byte type)
    {
        switch (type)
        {
            case BoolTrue or BoolFalse:
                break; // a field's bool lives in its header
            case I8:
                position++;
                break;
            case I16 or I32 or I64:
                ReadVarint(data, ref position);
                break;
            case F64:
                position += 8;
                break;
            case Binary:
                int length = checked((int)ReadVarint(data, ref position)); // first: `position +=` would read position before the varint
                position += length;
                break;
            case ListType or SetType:
                byte header = data[position++];
                int size = header >> 4;
                if (size == 15)
                {
                    size = checked((int)ReadVarint(data, ref position));
                }

                SkipElements(data, ref position, (byte)(header & 0x0F), size);
                break;
            case MapType:
                int entries = checked((int)ReadVarint(data, ref position));
                if (entries > 0)
                {
                    byte kinds = data[position++];
                    for (int i = 0; i < entries; i++)
                    {
                        SkipElements(data, ref position, (byte)(kinds >> 4), 1);
                        SkipElements(data, ref position, (byte)(kinds & 0x0F), 1);
                    }
                }

                break;
            case Struct:
                while (true)
                {
                    byte field = data[position++];
                    if (field == Stop)
                    {
                        break;
                    }

                    if (field >> 4 == 0)
                    {
                        ReadVarint(data, ref position); // long-form field id
                    }

                    Skip(data, ref position, (byte)(field & 0x0F));
                }

                break;
            default:
                throw new InvalidDataException($"unknown Thrift type {type} at footer byte {position}");
        }
    }

    // Container elements: a bool takes one byte there (no field header to carry it).
    private static void SkipElements(ReadOnlySpan<byte> data, ref int position, byte type, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (type is BoolTrue or BoolFalse)
            {
                position++;
            }
            else
            {
                Skip(data, ref position, type);
            }
        }
    }
}
