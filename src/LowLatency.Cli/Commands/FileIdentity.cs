using System.Runtime.InteropServices;

namespace LowLatency.Cli.Commands;

/// <summary>
/// What makes two paths one file. On Linux it is the device and inode number from stat(2), which follows symbolic
/// links and sees through hard links (two names, one inode); elsewhere, or for a file that does not exist yet, it is
/// the full path with symbolic links resolved.
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode, string? FullPath)
{
    // struct stat starts with st_dev then st_ino, 8 bytes each, on x64 and arm64 Linux (glibc and musl); the buffer
    // is larger than the whole struct on both (144 and 128 bytes).
    private const int StatBufferBytes = 256;

    public static FileIdentity Of(string path)
    {
        string full = Path.GetFullPath(path);
        if (TryStat(full, out ulong device, out ulong inode))
        {
            return new FileIdentity(device, inode, null);
        }

        var file = new FileInfo(full);
        FileSystemInfo? target = file.Exists ? file.ResolveLinkTarget(returnFinalTarget: true) : null;
        return new FileIdentity(0, 0, (target ?? file).FullName);
    }

    private static bool TryStat(string path, out ulong device, out ulong inode)
    {
        (device, inode) = (0, 0);
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return false;
        }

        byte[] buffer = new byte[StatBufferBytes];
        try
        {
            if (Stat(path, buffer) != 0)
            {
                return false; // missing or unreadable: the path decides
            }
        }
        catch (EntryPointNotFoundException)
        {
            return false; // glibc before 2.33 exports only __xstat
        }

        device = BitConverter.ToUInt64(buffer, 0);
        inode = BitConverter.ToUInt64(buffer, 8);
        return true;
    }

    [DllImport("libc", EntryPoint = "stat")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);
}
