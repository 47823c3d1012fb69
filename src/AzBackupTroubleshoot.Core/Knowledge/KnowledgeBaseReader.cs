using System.Text.Json;
using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Knowledge
{
    /// <summary>The knowledge base file is malformed or refers to something that does not exist.</summary>
    public sealed class KnowledgeBaseException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public KnowledgeBaseException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }

    /// <summary>Reads and validates the knowledge base JSON (see Knowledge/KnowledgeBase.json).</summary>
    internal static class KnowledgeBaseReader
    {
        public static KnowledgeBase Read(Stream stream)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException ex)
            {
                throw new KnowledgeBaseException($"The knowledge base is not valid JSON: {ex.Message}", ex);
            }

            using (document)
            {
                var root = document.RootElement;
                var causes = new List<CauseEntry>();
                foreach (var element in Array(root, "causes", "the root"))
                {
                    causes.Add(ReadCause(element));
                }

                var byId = new Dictionary<string, CauseEntry>(StringComparer.Ordinal);
                foreach (var cause in causes)
                {
                    if (byId.ContainsKey(cause.Id))
                    {
                        throw new KnowledgeBaseException($"Cause '{cause.Id}' is defined twice.");
                    }

                    byId.Add(cause.Id, cause);
                }

                var headings = new List<FailureHeading>();
                foreach (var element in Array(root, "headings", "the root"))
                {
                    var heading = ReadHeading(element);
                    foreach (var id in heading.CauseIds.Concat(heading.CompanionCauseIds).Concat(heading.SeedCauseIds))
                    {
                        if (!byId.ContainsKey(id))
                        {
                            throw new KnowledgeBaseException($"Heading '{heading.Id}' names cause '{id}', which is not defined.");
                        }
                    }

                    var listed = heading.CauseIds.Concat(heading.CompanionCauseIds).ToList();
                    if (listed.Count != listed.Distinct(StringComparer.Ordinal).Count() || heading.SeedCauseIds.Count != heading.SeedCauseIds.Distinct(StringComparer.Ordinal).Count())
                    {
                        throw new KnowledgeBaseException($"Heading '{heading.Id}' lists a cause twice.");
                    }

                    if (listed.Count == 0 && heading.SeedCauseIds.Count == 0)
                    {
                        throw new KnowledgeBaseException($"Heading '{heading.Id}' has no cause.");
                    }

                    headings.Add(heading);
                }

                return new KnowledgeBase(headings, causes);
            }
        }

        private static CauseEntry ReadCause(JsonElement element)
        {
            var id = String(element, "id", "a cause");
            var where = $"cause '{id}'";
            var causeName = String(element, "cause", where);
            if (!Enum.TryParse<Cause>(causeName, ignoreCase: false, out var cause) || !Enum.IsDefined(typeof(Cause), cause))
            {
                throw new KnowledgeBaseException($"{where}: '{causeName}' is not a Cause.");
            }

            var steps = new List<SolutionStep>();
            foreach (var step in Array(element, "steps", where))
            {
                var checks = Strings(step, "checks", where);
                foreach (var check in checks)
                {
                    if (CheckCatalog.Find(check) is null)
                    {
                        throw new KnowledgeBaseException($"{where}: step {steps.Count + 1} names check '{check}', which is not in the check catalog.");
                    }
                }

                var repair = step.TryGetProperty("repair", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                steps.Add(new SolutionStep(steps.Count + 1, String(step, "text", where), checks, repair));
            }

            var titleEs = element.TryGetProperty("titleEs", out var t) ? t.GetString() : null;
            var source = String(element, "source", where);
            if (!CauseSources.IsKnown(source))
            {
                throw new KnowledgeBaseException($"{where}: source '{source}' is not '{CauseSources.Seed}', '{CauseSources.Current}' or '{CauseSources.Companion}'.");
            }

            return new CauseEntry(id, cause, String(element, "title", where), titleEs, source, String(element, "description", where), steps);
        }

        private static FailureHeading ReadHeading(JsonElement element)
        {
            var id = String(element, "id", "a heading");
            var where = $"heading '{id}'";
            var article = String(element, "article", where);
            if (article != CauseSources.Current && article != CauseSources.Companion)
            {
                throw new KnowledgeBaseException($"{where}: article '{article}' is not '{CauseSources.Current}' or '{CauseSources.Companion}'.");
            }

            var numeric = element.TryGetProperty("numericCodes", out var n)
                ? Array(element, "numericCodes", where).Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : throw new KnowledgeBaseException($"{where}: 'numericCodes' must hold integers only.")).ToArray()
                : System.Array.Empty<int>();
            return new FailureHeading(
                id,
                String(element, "title", where),
                article,
                Strings(element, "errorCodes", where),
                numeric,
                Strings(element, "messages", where),
                Strings(element, "messagesEs", where),
                String(element, "spanishSource", where),
                Strings(element, "causes", where),
                Optional(element, "companionCauses", where),
                Optional(element, "seedCauses", where));
        }

        private static IReadOnlyList<string> Optional(JsonElement element, string name, string where) =>
            element.TryGetProperty(name, out _) ? Strings(element, name, where) : System.Array.Empty<string>();

        private static string String(JsonElement element, string name, string where)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                throw new KnowledgeBaseException($"{where}: '{name}' must be a non-empty string.");
            }

            return value.GetString()!;
        }

        private static IReadOnlyList<string> Strings(JsonElement element, string name, string where) =>
            Array(element, name, where).Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new KnowledgeBaseException($"{where}: '{name}' must hold strings only.")).ToArray();

        private static IEnumerable<JsonElement> Array(JsonElement element, string name, string where)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
            {
                throw new KnowledgeBaseException($"{where}: '{name}' must be an array.");
            }

            return value.EnumerateArray().ToArray();
        }
    }
}
