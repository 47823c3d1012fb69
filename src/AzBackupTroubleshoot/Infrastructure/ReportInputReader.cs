using System.Collections;
using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Repairs;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// Reads what was piped to Export-AzBackupHealthReport: HealthCheckResult and RepairResult objects, or their
    /// deserialized copies (results that came back from Invoke-Command, a job, Import-Clixml or ConvertFrom-Json), whose
    /// enums arrive as names or numbers.
    /// </summary>
    internal static class ReportInputReader
    {
        /// <summary>Returns true and sets one of the outputs when the item is a result or a repair; false otherwise.</summary>
        public static bool TryRead(object item, out HealthCheckResult? result, out RepairResult? repair)
        {
            result = null;
            repair = null;
            var baseObject = item is PSObject ps ? ps.BaseObject : item;
            switch (baseObject)
            {
                case HealthCheckResult r:
                    result = r;
                    return true;
                case RepairResult r:
                    repair = r;
                    return true;
            }

            if (!(item is PSObject bag))
            {
                return false;
            }

            var target = Text(bag, "Target");
            if (target is null)
            {
                return false;
            }

            var checkId = Text(bag, "CheckId");
            if (checkId != null && TryEnum<Cause>(bag, "Cause", out var cause) && TryEnum<CheckStatus>(bag, "Status", out var status))
            {
                TryEnum<RepairAction>(bag, "RepairAction", out var action);
                result = new HealthCheckResult(target, checkId, cause, status, Text(bag, "Message") ?? string.Empty, Lines(bag, "Evidence"), Text(bag, "Remediation"), action);
                return true;
            }

            if (TryEnum<RepairAction>(bag, "Action", out var repairAction) && TryEnum<RepairStatus>(bag, "Status", out var repairStatus))
            {
                repair = new RepairResult(target, repairAction, repairStatus, Text(bag, "Detail"), Text(bag, "BackupPath"), Text(bag, "Before"), Text(bag, "After"));
                return true;
            }

            return false;
        }

        private static object? Value(PSObject bag, string name)
        {
            var value = bag.Properties[name]?.Value;
            return value is PSObject ps ? ps.BaseObject : value;
        }

        private static string? Text(PSObject bag, string name) => Value(bag, name) is { } v ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null;

        private static bool TryEnum<T>(PSObject bag, string name, out T value)
            where T : struct
        {
            value = default;
            switch (Value(bag, name))
            {
                case T typed:
                    value = typed;
                    return true;
                case string s when Enum.TryParse(s, ignoreCase: true, out T parsed) && Enum.IsDefined(typeof(T), parsed):
                    value = parsed;
                    return true;
                case int n when Enum.IsDefined(typeof(T), n):
                    value = (T)Enum.ToObject(typeof(T), n);
                    return true;
                case long n when n >= int.MinValue && n <= int.MaxValue && Enum.IsDefined(typeof(T), (int)n):
                    value = (T)Enum.ToObject(typeof(T), (int)n);
                    return true;
                default:
                    return false;
            }
        }

        private static IReadOnlyList<string> Lines(PSObject bag, string name)
        {
            var lines = new List<string>();
            switch (Value(bag, name))
            {
                case null:
                    break;
                case string s:
                    lines.Add(s);
                    break;
                case IEnumerable items:
                    foreach (var line in items)
                    {
                        var text = line is PSObject ps ? ps.BaseObject : line;
                        if (text != null)
                        {
                            lines.Add(Convert.ToString(text, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                        }
                    }

                    break;
                default:
                    lines.Add(Convert.ToString(Value(bag, name), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                    break;
            }

            return lines;
        }
    }
}
