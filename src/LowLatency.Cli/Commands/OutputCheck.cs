namespace LowLatency.Cli.Commands;

/// <summary>Refuses outputs that would destroy data, before anything is opened: an output that is an input (the same
/// path, a symbolic link or a hard link to it) or two outputs on one file.</summary>
internal static class OutputCheck
{
    public static void Refuse(IEnumerable<(string Option, string Path)> outputs, IEnumerable<string> inputs)
    {
        var written = new Dictionary<FileIdentity, (string Option, string Path)>();
        foreach ((string option, string path) in outputs)
        {
            if (!written.TryAdd(FileIdentity.Of(path), (option, path)))
            {
                throw new OptionException($"{option}: '{path}' is also written for {written[FileIdentity.Of(path)].Option}; give each its own file.");
            }
        }

        foreach (string input in inputs)
        {
            if (written.TryGetValue(FileIdentity.Of(input), out (string Option, string Path) output))
            {
                throw new OptionException(Path.GetFullPath(input) == output.Path
                    ? $"{output.Option}: '{input}' is an input; it would be overwritten."
                    : $"{output.Option}: '{output.Path}' is the same file as the input '{input}' (a link); it would be overwritten.");
            }
        }
    }
}
