using System.Text.Json.Nodes;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>
    /// The official REST examples the simulator answers with. Loaded once at start from <c>shared/fixtures/arm/</c>
    /// (beside the repository) plus the simulator's own <c>Fixtures/</c> (the vault list, lock list and resource group
    /// examples, see README.md).
    /// </summary>
    public sealed class FixtureSet
    {
        private readonly Dictionary<string, JsonObject> _files = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);

        private FixtureSet(string directory)
        {
            Directory = directory;
        }

        /// <summary>The shared fixture folder used.</summary>
        public string Directory { get; }

        public static FixtureSet Load(string? directory)
        {
            var shared = Locate(directory);
            var set = new FixtureSet(shared);
            foreach (var name in new[]
            {
                "VirtualMachine_Get_InstanceView.json", "VirtualMachine_Get.json", "VirtualMachine_ListAll_MinimumSet_Gen.json",
                "VirtualMachineExtension_Get_MaximumSet_Gen.json", "VirtualMachineExtension_List_MaximumSet_Gen.json",
                "VirtualMachineExtension_Delete_MaximumSet_Gen.json", "ListJobs.json", "GetJobDetails.json", "Compute_ProtectedItem_Get.json",
            })
            {
                set.Add(Path.Combine(shared, name));
            }

            foreach (var name in new[]
            {
                "ListBySubscriptionIds.json", "ManagementLocks_ListAtSubscriptionLevel.json", "ManagementLocks_ListAtResourceGroupLevel.json",
                "CreateResourceGroup.json",
            })
            {
                set.Add(Path.Combine(AppContext.BaseDirectory, "ArmSimulatorFixtures", name));
            }

            return set;
        }

        /// <summary>A deep copy of <c>responses.{status}.body</c> of an example file.</summary>
        public JsonObject Body(string file, string status = "200")
        {
            var node = _files[file]["responses"]?[status]?["body"] as JsonObject
                ?? throw new InvalidDataException($"{file} has no responses.{status}.body object.");
            return (JsonObject)node.DeepClone();
        }

        /// <summary>An example's response header (for example the 202 location of a delete).</summary>
        public string? Header(string file, string status, string header) =>
            _files[file]["responses"]?[status]?["headers"]?[header]?.GetValue<string>();

        /// <summary>The api-version an example was recorded with.</summary>
        public string ApiVersion(string file) =>
            _files[file]["parameters"]?["api-version"]?.GetValue<string>() ?? throw new InvalidDataException($"{file} has no api-version parameter.");

        /// <summary>Finds <c>shared/fixtures/arm</c>: the given folder, $AZBT_ARM_FIXTURES, or beside an ancestor of the working folders.</summary>
        public static string Locate(string? directory)
        {
            const string Probe = "VirtualMachine_Get_InstanceView.json";
            var candidates = new List<string>();
            if (!string.IsNullOrEmpty(directory))
            {
                candidates.Add(directory);
            }

            var fromEnvironment = Environment.GetEnvironmentVariable("AZBT_ARM_FIXTURES");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                candidates.Add(fromEnvironment);
            }

            foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Directory.GetCurrentDirectory() })
            {
                for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                {
                    // The repository's own copy (tests/fixtures) first, then the shared folder beside it.
                    candidates.Add(Path.Combine(dir.FullName, "tests", "fixtures", "arm"));
                    candidates.Add(Path.Combine(dir.FullName, "shared", "fixtures", "arm"));
                }
            }

            foreach (var candidate in candidates)
            {
                if (File.Exists(Path.Combine(candidate, Probe)))
                {
                    return Path.GetFullPath(candidate);
                }
            }

            throw new DirectoryNotFoundException(
                $"The ARM example fixtures (shared/fixtures/arm/{Probe}) were not found beside the repository or its ancestors; set AZBT_ARM_FIXTURES to their folder.");
        }

        private void Add(string path)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"ARM example fixture missing: {path}", path);
            }

            var node = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"{path} is not a JSON object.");
            _files[Path.GetFileName(path)] = node;
        }
    }
}
