using System.CommandLine;
using System.Globalization;
using System.Text;
using LowLatency.Cli.Tests.Support;
using LowLatency.Kafka;

namespace LowLatency.Cli.Tests;

/// <summary>
/// Every option of every command, walked from the command tree <see cref="CliApp"/> builds, fed values that do not
/// parse or are out of range. A value is either accepted (the command then ends as it does without it) or refused
/// with one "error:" line naming the option and exit code 2: never an unhandled exception or a stack trace. A new
/// option is covered without a new test; a new command only needs its base arguments below.
/// </summary>
[Trait("Category", "FaultInjection")]
public sealed class OptionValueTests : IDisposable
{
    private static readonly string[] s_values = ["abc", "-1", "1e99", "", "99999999999999999999"];

    /// <summary>A case that does not end in this time fails naming its arguments, instead of stalling the run.</summary>
    private static readonly TimeSpan s_caseTimeout = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EveryOption_GarbageValues_AcceptedOrOneErrorLineNamingTheOption()
    {
        string csv = _dir.File("ticks.csv");
        File.WriteAllText(csv, "timestamp,symbol,price,size\n1700000000000,ABC,10.5,100\n1700000000001,ABC,10.6,100\n");

        // Arguments that make each command valid and quick. Bridge commands get an in-process mock cluster (an
        // accepted value then publishes to it at once) and a short stop, so nothing connects elsewhere or runs long.
        using var cluster = new MockKafkaCluster(brokers: 1);
        string brokers = cluster.BootstrapServers;
        var bases = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["run"] = ["--events", "10"],
            ["replay"] = [csv],
            ["record"] = ["--out", _dir.File("record.lltj"), "--events", "10"],
            ["convert"] = [csv, "--out", _dir.File("convert.lltj")],
            ["bridge publish"] = ["--brokers", brokers, "--topic", "t", "--events", "1", "--flush-timeout", "10"],
            ["bridge consume"] = ["--brokers", brokers, "--topic", "t", "--group", "g", "--seconds", "0.2"],
            ["bridge mock-cluster"] = ["--seconds", "0.01"],
            ["strategies"] = [],
            ["ticks ls"] = [csv],
        };

        var failures = new List<string>();
        int tried = 0, accepted = 0, commands = 0;
        foreach ((string path, Command command) in Commands(new CliApp().BuildRootCommand(TextWriter.Null, TextWriter.Null), ""))
        {
            Assert.True(bases.TryGetValue(path, out string[]? baseArgs), $"'{path}' has no base arguments in this test; add them.");
            commands++;
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            (int baseline, _, string baseError) = Run([.. path.Split(' '), .. baseArgs]);
            Assert.True(baseline is 0 or 1, $"{path} {string.Join(' ', baseArgs)} exited {baseline}:\n{baseError}");

            // A bool switch takes only true/false after it; anything else is the next argument, not its value.
            foreach (Option option in command.Options.Where(o => o.Arity.MaximumNumberOfValues > 0 && o.ValueType != typeof(bool)))
            {
                foreach (string value in s_values)
                {
                    tried++;
                    string[] args = [.. path.Split(' '), .. Without(baseArgs, option), option.Name, ValueFor(option, value, tried)];
                    (int exit, string output, string error) = Run(args);
                    string shown = string.Join(' ', args.Select(a => a.Length == 0 ? "''" : a));
                    if (exit == baseline)
                    {
                        accepted++;
                        if (error.Contains("   at ", StringComparison.Ordinal) || error.Contains("Exception", StringComparison.Ordinal))
                        {
                            failures.Add($"{shown}: exit {exit} with an exception on standard error: {error}");
                        }
                    }
                    else if (exit != 2)
                    {
                        failures.Add($"{shown}: exit {exit}, expected {baseline} (accepted) or 2 (refused):\n{output}{error}");
                    }
                    else if (Problem(option, error) is { } problem)
                    {
                        failures.Add($"{shown}: {problem}:\n{error}");
                    }
                }
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"{path}: {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{commands} commands, {tried} option values tried: {accepted} accepted, {tried - accepted - failures.Count} refused with one line, {failures.Count} wrong"));
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} cases failed:\n" + string.Join("\n", failures));
        Assert.True(commands >= 7 && tried >= 400, $"walked only {commands} commands and {tried} cases");
    }

    [Theory]
    [InlineData("run --events 1e9", "--events: '1e9' is not a whole number from 1 to 9,223,372,036,854,775,807 (examples: 1000000, 1_000_000, 10k, 5m).")]
    [InlineData("run --events -5", "--events: '-5' is not a whole number from 1 to 9,223,372,036,854,775,807 (examples: 1000000, 1_000_000, 10k, 5m).")]
    [InlineData("run --events abc", "--events: 'abc' is not a whole number from 1 to 9,223,372,036,854,775,807 (examples: 1000000, 1_000_000, 10k, 5m).")]
    [InlineData("run --events 0", "--events: '0' is not a whole number from 1 to 9,223,372,036,854,775,807 (examples: 1000000, 1_000_000, 10k, 5m).")]
    [InlineData("run --ring-size 4294967296", "--ring-size: '4294967296' is not a power of two between 2 and 1073741824 (e.g. 65536).")]
    [InlineData("run --ring-size 1000", "--ring-size: '1000' is not a power of two between 2 and 1073741824 (e.g. 65536).")]
    [InlineData("run --producers 65", "--producers: '65' is not a whole number from 1 to 64.")]
    [InlineData("run --seed -1", "--seed: '-1' is not a whole number from 0 to 18446744073709551615.")]
    [InlineData("run --wait -1", "--wait: '-1' is not one of Hybrid, Yielding, BusySpin, Sleeping, Blocking.")]
    [InlineData("run --topology -1", "--topology: '-1' is not one of Auto, Threaded, Fused.")]
    [InlineData("bridge mock-cluster --broker-count abc", "--broker-count: 'abc' is not a whole number from 1 to 16.")]
    [InlineData("bridge mock-cluster --seconds -1", "--seconds: '-1' is not a number of seconds from 0 to 31,536,000.")]
    [InlineData("bridge consume --brokers h:1 --topic t --group g --seconds 1e99", "--seconds: '1e99' is not a number of seconds from 0 to 31,536,000.")]
    [InlineData("bridge publish --brokers h:1 --topic t --flush-timeout 0", "--flush-timeout: '0' is not a number of seconds above 0 up to 3,600.")]
    [InlineData("bridge publish --brokers abc --topic t", "--brokers: 'abc' is not host:port with a port from 1 to 65535 (expected host:port[,host:port...]).")]
    [InlineData("bridge consume --brokers h:1 --topic t --group \"\"", "--group: expected a name (got an empty value).")]
    public void BadValue_OneLineWithTheAcceptedRange_ExitTwo(string arguments, string expected)
    {
        string[] args = [.. arguments.Split(' ').Select(a => a == "\"\"" ? "" : a)];

        var (exit, output, error) = Run(args); // bounded: "--seconds -1" once meant "forever"

        Assert.True(exit == 2, $"exit {exit}:\n{output}{error}");
        Assert.Equal("", output);
        CliAssert.OneErrorLine("error: " + expected, error);
    }

    /// <summary>Why a refusal is not one line naming the option; null when it is.</summary>
    private static string? Problem(Option option, string error)
    {
        string[] lines = error.TrimEnd('\n').Split('\n');
        if (!lines[0].StartsWith("error: ", StringComparison.Ordinal))
        {
            return "the first line is not 'error: ...'";
        }

        if (lines.Skip(1).Any(line => line != "Try '--help'."))
        {
            return "more than one line";
        }

        if (!option.Aliases.Append(option.Name).Any(name => lines[0].Contains(name, StringComparison.Ordinal)))
        {
            return $"the line does not name {option.Name}";
        }

        return error.Contains("   at ", StringComparison.Ordinal) || error.Contains("Exception", StringComparison.Ordinal)
            ? "a stack trace or exception name"
            : null;
    }

    /// <summary>Every command that runs something, with its path ("bridge publish").</summary>
    private static IEnumerable<(string Path, Command Command)> Commands(Command command, string path)
    {
        if (command.Action is not null)
        {
            yield return (path, command);
        }

        foreach (Command sub in command.Subcommands)
        {
            foreach ((string Path, Command Command) found in Commands(sub, path.Length == 0 ? sub.Name : path + " " + sub.Name))
            {
                yield return found;
            }
        }
    }

    /// <summary>The base arguments without <paramref name="option"/> and its value.</summary>
    private static IEnumerable<string> Without(string[] baseArgs, Option option)
    {
        for (int i = 0; i < baseArgs.Length; i++)
        {
            if (baseArgs[i] == option.Name || option.Aliases.Contains(baseArgs[i]))
            {
                i++; // its value
                continue;
            }

            yield return baseArgs[i];
        }
    }

    /// <summary>File and folder options get the value as a name inside a fresh folder of this test, so an accepted
    /// value writes nothing into the working directory.</summary>
    private string ValueFor(Option option, string value, int caseNumber)
    {
        if (value.Length == 0 || (option.ValueType != typeof(FileInfo) && option.ValueType != typeof(DirectoryInfo)))
        {
            return value;
        }

        string folder = Directory.CreateDirectory(_dir.File(caseNumber.ToString(CultureInfo.InvariantCulture))).FullName;
        return Path.Combine(folder, value);
    }

    /// <summary>Runs the app in-process; an exception that escapes it or a case that does not end is reported as
    /// exit code -1 with what happened on standard error, so every case is tried and every failure listed.</summary>
    private static (int ExitCode, string Output, string Error) Run(string[] args)
    {
        var output = new StringBuilder();
        var error = new StringBuilder();
        Task<int> run = Task.Run(() => new CliApp().Run(args, new StringWriter(output), new StringWriter(error)));
        try
        {
            if (!run.Wait(s_caseTimeout, TestContext.Current.CancellationToken))
            {
                return (-1, output.ToString(), $"did not end within {s_caseTimeout.TotalSeconds} s\n{error}");
            }
        }
        catch (AggregateException ex)
        {
            return (-1, output.ToString(), $"escaped: {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}\n{error}");
        }

        return (run.Result, output.ToString(), error.ToString());
    }
}
