using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// One extension status file (<c>status/&lt;seq&gt;.status</c>): a JSON array whose first element the agent reports, with
    /// <c>status.status</c> (transitioning, warning, error, success), <c>status.code</c>, <c>status.formattedMessage.message</c>
    /// and <c>status.substatus</c> (WALinuxAgent ga/exthandlers.py <c>parse_ext_status</c>).
    /// </summary>
    public sealed class ExtensionStatusReport
    {
        private ExtensionStatusReport(int sequence, string status, string? codeText, string? operation, string? message, string? timestamp, IReadOnlyList<string> subStatuses)
        {
            Sequence = sequence;
            Status = status;
            CodeText = codeText;
            Operation = operation;
            Message = message;
            Timestamp = timestamp;
            SubStatuses = subStatuses;
        }

        /// <summary>The sequence number (the file name).</summary>
        public int Sequence { get; }

        /// <summary><c>status.status</c> as written.</summary>
        public string Status { get; }

        /// <summary><c>status.code</c> as written (a number or a numeric string), or null.</summary>
        public string? CodeText { get; }

        /// <summary><c>status.code</c> as a number, or null.</summary>
        public int? Code => int.TryParse(CodeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? code : (int?)null;

        /// <summary><c>status.operation</c>.</summary>
        public string? Operation { get; }

        /// <summary><c>status.formattedMessage.message</c> (shortened).</summary>
        public string? Message { get; }

        /// <summary><c>timestampUTC</c> as written.</summary>
        public string? Timestamp { get; }

        /// <summary>The sub-statuses that are not success, as <c>name: status (code)</c>.</summary>
        public IReadOnlyList<string> SubStatuses { get; }

        /// <summary>How the agent reads the status: anything but transitioning, warning or success is an error.</summary>
        public string EffectiveStatus
        {
            get
            {
                var lower = Status.ToLowerInvariant();
                return lower == "transitioning" || lower == "warning" || lower == "success" || lower == "error" ? lower : "error";
            }
        }

        /// <summary>Parses status-file JSON; null and a reason when it is not the documented shape.</summary>
        public static ExtensionStatusReport? Parse(string json, int sequence, out string? problem)
        {
            try
            {
                using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Array)
                {
                    problem = $"expected a JSON array, found {Describe(root.ValueKind)}";
                    return null;
                }

                if (root.GetArrayLength() == 0)
                {
                    problem = "the JSON array is empty";
                    return null;
                }

                var first = root[0];
                if (first.ValueKind != JsonValueKind.Object || !first.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object)
                {
                    problem = "the first element has no 'status' object";
                    return null;
                }

                if (!status.TryGetProperty("status", out var state) || state.ValueKind != JsonValueKind.String)
                {
                    problem = "'status.status' is missing or not a string";
                    return null;
                }

                var subs = new List<string>();
                if (status.TryGetProperty("substatus", out var substatus) && substatus.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in substatus.EnumerateArray())
                    {
                        var subState = Text(item, "status");
                        if (subState != null && !string.Equals(subState, "success", StringComparison.OrdinalIgnoreCase))
                        {
                            subs.Add($"{Shorten(Text(item, "name") ?? "(unnamed)", 80)}: {subState} ({Text(item, "code") ?? "no code"})");
                        }
                    }
                }

                string? message = null;
                if (status.TryGetProperty("formattedMessage", out var formatted) && formatted.ValueKind == JsonValueKind.Object)
                {
                    message = Text(formatted, "message");
                }

                problem = null;
                return new ExtensionStatusReport(
                    sequence,
                    state.GetString()!,
                    Text(status, "code"),
                    Text(status, "operation"),
                    message is null ? null : Shorten(message, 300),
                    Text(first, "timestampUTC"),
                    subs);
            }
            catch (JsonException ex)
            {
                problem = $"not valid JSON (line {(ex.LineNumber + 1)?.ToString(CultureInfo.InvariantCulture) ?? "?"}, byte {(ex.BytePositionInLine + 1)?.ToString(CultureInfo.InvariantCulture) ?? "?"})";
                return null;
            }
        }

        private static string? Text(JsonElement element, string name)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
        }

        private static string Shorten(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "...";

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => kind.ToString().ToLowerInvariant(),
        };
    }
}
