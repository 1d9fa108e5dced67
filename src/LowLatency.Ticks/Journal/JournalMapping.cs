using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LowLatency.Ticks.Journal;

/// <summary>
/// A whole journal file mapped read-only, handed out as bounds-checked spans, so blocks are verified and records decoded
/// in place with no copy and no allocation.
/// </summary>
/// <remarks>
/// This library is built without unsafe code, so the view's address becomes a <c>ref byte</c> through
/// <see cref="Unsafe.AddByteOffset{T}(ref T, nint)"/> (byrefs may point to unmanaged memory; the GC ignores them). The
/// view handle is add-ref'ed for the mapping's lifetime, so the address stays valid until <see cref="Dispose"/>, and
/// every <see cref="Slice"/> is checked against the file length.
/// </remarks>
internal sealed class JournalMapping : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private nint _address;
    private long _length;

    private JournalMapping(MemoryMappedFile file, MemoryMappedViewAccessor view, nint address, long length)
    {
        _file = file;
        _view = view;
        _address = address;
        _length = length;
    }

    /// <summary>Bytes mapped: the file length when it was opened.</summary>
    public long Length => _length;

    /// <summary>Maps the first <paramref name="length"/> (&gt; 0) bytes of the file; takes ownership of <paramref name="handle"/>.</summary>
    public static JournalMapping Create(SafeFileHandle handle, long length)
    {
        MemoryMappedFile file = MemoryMappedFile.CreateFromFile(
            handle, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        MemoryMappedViewAccessor? view = null;
        bool addedRef = false;
        try
        {
            view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            view.SafeMemoryMappedViewHandle.DangerousAddRef(ref addedRef);
            nint address = view.SafeMemoryMappedViewHandle.DangerousGetHandle() + (nint)view.PointerOffset;
            return new JournalMapping(file, view, address, length);
        }
        catch
        {
            if (addedRef)
            {
                view!.SafeMemoryMappedViewHandle.DangerousRelease();
            }

            view?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>The bytes [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>) of the file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Slice(long offset, int length)
    {
        // Unsigned compares also reject negative values; after Dispose the length is 0, so nothing passes.
        if ((ulong)offset > (ulong)_length || (ulong)(uint)length > (ulong)(_length - offset))
        {
            JournalThrowHelper.ThrowArgumentOutOfRange(nameof(offset), "The range is outside the mapped journal.");
        }

        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AddByteOffset(ref Unsafe.NullRef<byte>(), _address + (nint)offset), length);
    }

    public void Dispose()
    {
        if (_address == 0)
        {
            return;
        }

        _length = 0;
        _address = 0;
        _view.SafeMemoryMappedViewHandle.DangerousRelease();
        _view.Dispose();
        _file.Dispose();
    }
}
