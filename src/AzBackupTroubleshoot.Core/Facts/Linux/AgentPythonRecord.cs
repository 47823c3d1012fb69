using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// The <c>agentPython</c> object of <see cref="CapturedFacts"/> (bundle format 3): what running the agent's python gave
    /// when Save-AzBackupAgentLog wrote the bundle (with -RunAgentPython), or why it was not run. Read back, every field is
    /// checked and bounded: a bundle is input from elsewhere.
    /// </summary>
    internal static class AgentPythonRecord
    {
        /// <summary>The property's name in the file.</summary>
        public const string PropertyName = "agentPython";

        /// <summary>How the evidence line an offline read adds begins (<c>recorded in /AzBackupTroubleshoot.facts.json ...</c>).</summary>
        public const string RecordedPrefix = "recorded in ";

        private const int MaxTextChars = 4096;
        private const int MaxEvidenceLines = 32;

        public static void Write(Utf8JsonWriter writer, AgentPythonFacts facts)
        {
            writer.WriteStartObject(PropertyName);
            writer.WriteString("outcome", facts.Outcome.ToString());
            writer.WriteString("reason", facts.Reason);
            WriteOptional(writer, "interpreter", facts.Interpreter);
            WriteOptional(writer, "path", facts.Path);
            if (facts.ExitCode.HasValue)
            {
                writer.WriteNumber("exitCode", facts.ExitCode.Value);
            }

            WriteOptional(writer, "missingModule", facts.MissingModule);
            // A run read back from an earlier bundle starts with the line saying so: not recorded again.
            WriteLines(writer, "evidence", facts.IsRecorded ? facts.Evidence.Where(l => !l.StartsWith(RecordedPrefix, StringComparison.Ordinal)).ToArray() : facts.Evidence);
            WriteLines(writer, "errorTail", facts.ErrorTail);
            writer.WriteEndObject();
        }

        /// <summary>Reads the object; on failure <paramref name="problem"/> names the field and the result is null.</summary>
        public static AgentPythonFacts? Read(JsonElement item, out string? problem)
        {
            problem = null;
            if (item.ValueKind != JsonValueKind.Object)
            {
                problem = "agentPython is not an object";
                return null;
            }

            var outcomeText = Text(item, "outcome", required: true, ref problem);
            var outcome = AgentPythonOutcome.NotRun;
            if (problem is null && (outcomeText!.Any(char.IsDigit) || !Enum.TryParse(outcomeText, false, out outcome) || outcome == AgentPythonOutcome.Unreadable
                || !Enum.IsDefined(typeof(AgentPythonOutcome), outcome)))
            {
                problem = $"agentPython.outcome '{outcomeText}' is not one of NotRun, NotFound, Refused, CouldNotRun, Imported, ImportFailed";
            }

            var reason = Text(item, "reason", required: true, ref problem);
            var interpreter = Text(item, "interpreter", required: false, ref problem);
            var path = Text(item, "path", required: false, ref problem);
            var missing = Text(item, "missingModule", required: false, ref problem);
            var evidence = Lines(item, "evidence", MaxEvidenceLines, ref problem);
            var tail = Lines(item, "errorTail", AgentPythonReader.TailLines, ref problem);
            int? exitCode = null;
            if (item.TryGetProperty("exitCode", out var code))
            {
                if (code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var number))
                {
                    exitCode = number;
                }
                else
                {
                    problem ??= "agentPython.exitCode is not an integer";
                }
            }

            if (problem is null && (outcome == AgentPythonOutcome.Imported || outcome == AgentPythonOutcome.ImportFailed) && (exitCode is null || interpreter is null || (exitCode == 0) != (outcome == AgentPythonOutcome.Imported)))
            {
                problem = "agentPython: an interpreter that ran needs its interpreter and an exit code that agrees with the outcome";
            }

            if (problem != null)
            {
                return null;
            }

            return AgentPythonFacts.Recorded(outcome, reason!, interpreter, path, evidence!, exitCode, tail!, missing);
        }

        private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
        {
            if (value != null)
            {
                writer.WriteString(name, value);
            }
        }

        private static void WriteLines(Utf8JsonWriter writer, string name, IReadOnlyList<string> lines)
        {
            writer.WriteStartArray(name);
            foreach (var line in lines)
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
        }

        private static string? Text(JsonElement item, string name, bool required, ref string? problem)
        {
            if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    problem ??= $"agentPython.{name} is missing";
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String || (value.GetString() ?? string.Empty).Length > MaxTextChars)
            {
                problem ??= $"agentPython.{name} is not a string of at most {MaxTextChars} characters";
                return null;
            }

            return value.GetString();
        }

        private static IReadOnlyList<string>? Lines(JsonElement item, string name, int max, ref string? problem)
        {
            if (!item.TryGetProperty(name, out var value))
            {
                return Array.Empty<string>();
            }

            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > max
                || value.EnumerateArray().Any(l => l.ValueKind != JsonValueKind.String || (l.GetString() ?? string.Empty).Length > MaxTextChars))
            {
                problem ??= $"agentPython.{name} is not an array of at most {max} strings of at most {MaxTextChars} characters";
                return null;
            }

            return value.EnumerateArray().Select(l => l.GetString()!).ToArray();
        }
    }
}
