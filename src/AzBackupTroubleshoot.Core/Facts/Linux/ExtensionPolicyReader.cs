using System.Text.Json;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>An extension policy file as the agent's policy engine reads it.</summary>
    public sealed class ExtensionPolicy
    {
        internal ExtensionPolicy(string? invalidReason, bool allowListedExtensionsOnly, bool signatureRequired, IReadOnlyList<string> extensions)
        {
            InvalidReason = invalidReason;
            AllowListedExtensionsOnly = allowListedExtensionsOnly;
            SignatureRequired = signatureRequired;
            Extensions = extensions;
        }

        /// <summary>Why the agent would refuse the file (then it processes no extension at all), or null when it is valid.</summary>
        public string? InvalidReason { get; }

        /// <summary><c>extensionPolicies.allowListedExtensionsOnly</c> (default false).</summary>
        public bool AllowListedExtensionsOnly { get; }

        /// <summary>True when <c>signatureRequired</c> appears anywhere (supported only on confidential VMs).</summary>
        public bool SignatureRequired { get; }

        /// <summary>The extension names under <c>extensionPolicies.extensions</c>.</summary>
        public IReadOnlyList<string> Extensions { get; }

        /// <summary>True when the policy lets an extension run (names compare case-insensitively, as the agent's).</summary>
        public bool Allows(string extensionName) =>
            InvalidReason is null && (!AllowListedExtensionsOnly || Extensions.Any(e => string.Equals(e, extensionName, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The extension policy facts: whether it is enforced and the policy file.</summary>
    public sealed class ExtensionPolicyFacts
    {
        internal ExtensionPolicyFacts(bool enforcementSwitch, FileFact<ExtensionPolicy> file)
        {
            EnforcementSwitch = enforcementSwitch;
            File = file;
        }

        /// <summary>Debug.EnableExtensionPolicy from waagent.conf.</summary>
        public bool EnforcementSwitch { get; }

        /// <summary>The policy file (Policy.PolicyFilePath).</summary>
        public FileFact<ExtensionPolicy> File { get; }

        /// <summary>True when the agent enforces the policy: the switch is on and the file exists.</summary>
        public bool Enforced => EnforcementSwitch && File.Status != FactStatus.Absent;
    }

    /// <summary>
    /// Reads the agent's extension policy (WALinuxAgent ga/policy/policy_engine.py): enforced only when
    /// <c>Debug.EnableExtensionPolicy=y</c> and the file exists; the file must be a JSON object with only
    /// <c>policyVersion</c> (a required string <c>major[.minor[.patch]]</c> no newer than 0.1.0) and <c>extensionPolicies</c>
    /// (<c>allowListedExtensionsOnly</c>, <c>signatureRequired</c>, <c>extensions</c>); anything else makes it invalid, and an
    /// invalid policy stops every extension.
    /// </summary>
    public sealed class ExtensionPolicyReader
    {
        private const string MaxSupportedVersion = "0.1.0";
        private static readonly Regex VersionFormat = new Regex(@"^\d+(\.\d+(\.\d+)?)?$", RegexOptions.CultureInvariant);

        /// <summary>Reads the policy named by <paramref name="conf"/> (defaults when the configuration is missing).</summary>
        public ExtensionPolicyFacts Read(ILinuxRoot root, WaagentConf? conf)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var path = conf?.PolicyFilePath ?? "/etc/waagent_policy.json";
            var text = TextFileDecoder.Decode(root.Read(path));
            FileFact<ExtensionPolicy> file;
            if (!text.IsPresent)
            {
                file = text.Status == FactStatus.Absent ? FileFact<ExtensionPolicy>.Absent(text.Path) : FileFact<ExtensionPolicy>.Malformed(text.Path, text.Problem!);
            }
            else
            {
                file = FileFact<ExtensionPolicy>.Present(text.Path, Parse(text.Value!));
            }

            return new ExtensionPolicyFacts(conf?.ExtensionPolicyEnabled ?? false, file);
        }

        /// <summary>Parses policy JSON the way the agent validates it.</summary>
        public static ExtensionPolicy Parse(string json)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException ex)
            {
                return Invalid($"policy file does not conform to valid json syntax ({ex.Message})");
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return Invalid($"expected an object describing a Policy; got {root.ValueKind.ToString().ToLowerInvariant()}");
                }

                var bad = UnknownAttribute(root, "policy", "policyVersion", "extensionPolicies");
                if (bad != null)
                {
                    return Invalid(bad);
                }

                if (!root.TryGetProperty("policyVersion", out var version) || version.ValueKind != JsonValueKind.String)
                {
                    return Invalid("missing or invalid attribute 'policyVersion'; it must be a string");
                }

                var versionText = version.GetString()!;
                if (!VersionFormat.IsMatch(versionText))
                {
                    return Invalid($"invalid value for attribute 'policyVersion': '{versionText}'");
                }

                if (ComponentVersion.Parse(versionText).CompareTo(ComponentVersion.Parse(MaxSupportedVersion)) > 0)
                {
                    return Invalid($"policy version '{versionText}' is not supported; the agent supports policy versions up to '{MaxSupportedVersion}'");
                }

                var allowListed = false;
                var signature = false;
                var extensions = new List<string>();
                if (root.TryGetProperty("extensionPolicies", out var policies))
                {
                    if (policies.ValueKind != JsonValueKind.Object)
                    {
                        return Invalid("invalid type for attribute 'extensionPolicies'; must be 'object'");
                    }

                    bad = UnknownAttribute(policies, "extensionPolicies", "allowListedExtensionsOnly", "signatureRequired", "extensions");
                    if (bad != null)
                    {
                        return Invalid(bad);
                    }

                    if (!TryBoolean(policies, "allowListedExtensionsOnly", out allowListed) || !TryBoolean(policies, "signatureRequired", out signature))
                    {
                        return Invalid("'extensionPolicies.allowListedExtensionsOnly' and 'extensionPolicies.signatureRequired' must be booleans");
                    }

                    if (policies.TryGetProperty("extensions", out var list))
                    {
                        if (list.ValueKind != JsonValueKind.Object)
                        {
                            return Invalid("invalid type for attribute 'extensionPolicies.extensions'; must be 'object'");
                        }

                        foreach (var extension in list.EnumerateObject())
                        {
                            if (extension.Value.ValueKind != JsonValueKind.Object)
                            {
                                return Invalid($"invalid type for attribute 'extensionPolicies.extensions.{extension.Name}'; must be 'object'");
                            }

                            bad = UnknownAttribute(extension.Value, "extensionPolicies.extensions." + extension.Name, "signatureRequired", "runtimePolicy");
                            if (bad != null)
                            {
                                return Invalid(bad);
                            }

                            if (!TryBoolean(extension.Value, "signatureRequired", out var extensionSignature))
                            {
                                return Invalid($"'extensionPolicies.extensions.{extension.Name}.signatureRequired' must be a boolean");
                            }

                            signature |= extension.Value.TryGetProperty("signatureRequired", out _);
                            extensions.Add(extension.Name);
                        }
                    }

                    signature |= policies.TryGetProperty("signatureRequired", out _);
                }

                return new ExtensionPolicy(null, allowListed, signature, extensions);
            }
        }

        private static ExtensionPolicy Invalid(string reason) => new ExtensionPolicy(reason, false, false, Array.Empty<string>());

        private static string? UnknownAttribute(JsonElement element, string objectName, params string[] valid)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (!valid.Contains(property.Name, StringComparer.Ordinal))
                {
                    return $"unrecognized attribute '{property.Name}' in {objectName}";
                }
            }

            return null;
        }

        private static bool TryBoolean(JsonElement element, string name, out bool value)
        {
            value = false;
            if (!element.TryGetProperty(name, out var property))
            {
                return true;
            }

            if (property.ValueKind == JsonValueKind.True || property.ValueKind == JsonValueKind.False)
            {
                value = property.GetBoolean();
                return true;
            }

            return false;
        }
    }
}
