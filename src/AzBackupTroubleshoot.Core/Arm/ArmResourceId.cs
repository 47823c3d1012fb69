namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// A Resource Manager id parsed segment by segment: <c>/subscriptions/{guid}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}[/{type}/{name}…]</c>.
    /// Every segment is checked against the naming rule of the type before it (<see cref="ArmNameRules"/>), so a query
    /// (<c>?</c>), a fragment (<c>#</c>), <c>.</c> or <c>..</c>, an encoded slash (<c>%2F</c>, <c>%5C</c>), a backslash,
    /// a control character or an empty segment never reaches a request. Request paths are rebuilt from these segments
    /// and percent-encoded in one place (<see cref="ToRequestPath"/>, which the ARM client applies to every path).
    /// </summary>
    public sealed class ArmResourceId
    {
        private readonly string[] _segments;

        private ArmResourceId(string[] segments)
        {
            _segments = segments;
            Value = "/" + string.Join("/", segments);
            SubscriptionId = segments[1];
            if (segments.Length >= 4 && Is(segments[2], "resourceGroups"))
            {
                ResourceGroupName = segments[3];
            }

            var providers = ResourceGroupName is null ? 2 : 4;
            if (segments.Length >= providers + 4 && Is(segments[providers], "providers"))
            {
                Provider = segments[providers + 1];
                Type = segments[providers + 2];
                Name = segments[providers + 3];
            }

            IsVirtualMachine = ResourceGroupName != null && segments.Length == 8 && Is(Provider, "Microsoft.Compute") && Is(Type, "virtualMachines");
        }

        /// <summary>The id rebuilt from its validated segments (not percent-encoded), without a trailing slash.</summary>
        public string Value { get; }

        /// <summary>The subscription id (a GUID as given).</summary>
        public string SubscriptionId { get; }

        /// <summary>The resource group, if the id has one.</summary>
        public string? ResourceGroupName { get; }

        /// <summary>The resource provider namespace (for example Microsoft.Compute).</summary>
        public string? Provider { get; }

        /// <summary>The top-level resource type (for example virtualMachines).</summary>
        public string? Type { get; }

        /// <summary>The top-level resource name.</summary>
        public string? Name { get; }

        /// <summary>True for <c>…/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/{name}</c> with nothing after the name.</summary>
        public bool IsVirtualMachine { get; }

        /// <summary>Parses an id.</summary>
        /// <exception cref="ArgumentException">The text is not a valid Resource Manager id; the message names the first bad segment and the rule it breaks.</exception>
        public static ArmResourceId Parse(string resourceId)
        {
            if (!TryParse(resourceId, out var id, out var error))
            {
                throw new ArgumentException(error, nameof(resourceId));
            }

            return id!;
        }

        /// <summary>Parses an id; false with the reason when it is not a valid Resource Manager id.</summary>
        public static bool TryParse(string? resourceId, out ArmResourceId? id, out string? error)
        {
            id = null;
            if (string.IsNullOrWhiteSpace(resourceId))
            {
                error = "The resource id is empty.";
                return false;
            }

            error = Check(resourceId!, out var segments, requireId: true);
            if (error != null)
            {
                return false;
            }

            id = new ArmResourceId(segments);
            return true;
        }

        /// <summary>The id of a virtual machine, from its parts (each checked by its own rule).</summary>
        /// <exception cref="ArgumentException">A part is not valid; the message names it.</exception>
        public static ArmResourceId ForVirtualMachine(string subscriptionId, string resourceGroupName, string name)
        {
            Part(subscriptionId, "subscription id", ArmNameRules.Subscription);
            Part(resourceGroupName, "resource group", ArmNameRules.ResourceGroup);
            Part(name, "VM name", ArmNameRules.VirtualMachine);
            return new ArmResourceId(new[] { "subscriptions", subscriptionId, "resourceGroups", resourceGroupName, "providers", "Microsoft.Compute", "virtualMachines", name });
        }

        /// <summary>The path of a subscription-level collection or resource, such as <c>/subscriptions/{id}/providers/Microsoft.Compute/virtualMachines</c>.</summary>
        /// <exception cref="ArgumentException">The subscription is not a GUID or a segment is not valid.</exception>
        public static string SubscriptionPath(string subscriptionId, params string[] segments)
        {
            Part(subscriptionId, "subscription id", ArmNameRules.Subscription);
            var path = "/subscriptions/" + subscriptionId + (segments.Length == 0 ? string.Empty : "/" + string.Join("/", segments));
            var error = Check(path, out _, requireId: false);
            return error is null ? path : throw new ArgumentException(error, nameof(segments));
        }

        /// <summary>A child resource of this one (for example <c>extensions</c>, <c>VMSnapshot</c>), checked like any id.</summary>
        /// <exception cref="ArgumentException">The type or name is not valid for a child resource.</exception>
        public ArmResourceId Child(string type, string name)
        {
            var text = Value + "/" + type + "/" + name;
            var error = Check(text, out var segments, requireId: true);
            return error is null ? new ArmResourceId(segments) : throw new ArgumentException(error, nameof(name));
        }

        /// <summary>
        /// Checks a resource or collection path segment by segment and returns it percent-encoded for a request. Paths
        /// go <c>/{key}/{value}/{key}/{value}…</c> and may end with a key (a collection such as <c>/extensions</c> or an
        /// action such as <c>/instanceView</c>); each value is checked by the rule of its key.
        /// </summary>
        /// <exception cref="ArgumentException">A segment is not valid (query, fragment, dot segment, percent sign, control character, empty segment, or a name its type does not allow).</exception>
        public static string ToRequestPath(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("The path is empty.", nameof(path));
            }

            var error = Check(path, out var segments, requireId: false);
            if (error != null)
            {
                throw new ArgumentException(error, nameof(path));
            }

            return "/" + string.Join("/", segments.Select(ArmNameRules.Escape));
        }

        /// <summary>The subscription id in a path or URL such as <c>/subscriptions/{id}/...</c>, or null.</summary>
        public static string? SubscriptionOf(string pathOrUrl)
        {
            if (pathOrUrl is null)
            {
                return null;
            }

            const string Marker = "/subscriptions/";
            var start = pathOrUrl.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
            if (start < 0)
            {
                return null;
            }

            start += Marker.Length;
            var end = pathOrUrl.IndexOfAny(new[] { '/', '?' }, start);
            var id = end < 0 ? pathOrUrl.Substring(start) : pathOrUrl.Substring(start, end - start);
            return id.Length == 0 ? null : id.ToLowerInvariant();
        }

        /// <inheritdoc />
        public override string ToString() => Value;

        /// <summary>Text safe to show in a message: control and format characters as U+XXXX, at most 300 characters.</summary>
        internal static string Printable(string text)
        {
            var builder = new StringBuilder(Math.Min(text.Length, 300) + 16);
            foreach (var c in text)
            {
                if (builder.Length >= 300)
                {
                    builder.Append('…');
                    break;
                }

                var category = CharUnicodeInfo.GetUnicodeCategory(c);
                builder.Append(char.IsControl(c) || category == UnicodeCategory.Format || char.IsSurrogate(c) ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString());
            }

            return builder.ToString();
        }

        private static string? Check(string text, out string[] segments, bool requireId)
        {
            segments = Array.Empty<string>();
            var shown = Printable(text);
            var trimmed = text.Trim(' ');
            if (trimmed.Length > 1 && trimmed[trimmed.Length - 1] == '/')
            {
                trimmed = trimmed.Substring(0, trimmed.Length - 1);
            }

            if (trimmed.IndexOfAny(new[] { '?', '#' }) >= 0)
            {
                return $"'{shown}' is not a valid Resource Manager id: it holds a query or fragment ('?' or '#').";
            }

            if (trimmed.Length == 0 || trimmed[0] != '/')
            {
                return $"'{shown}' is not a Resource Manager id (expected /subscriptions/<id>/...).";
            }

            var parts = trimmed.Substring(1).Split('/');
            if (requireId && (parts.Length < 2 || !Is(parts[0], "subscriptions")))
            {
                return $"'{shown}' is not a Resource Manager id (expected /subscriptions/<id>/...).";
            }

            if (requireId && parts.Length % 2 != 0)
            {
                return $"'{shown}' is not a Resource Manager id: it ends with the type '{Printable(parts[parts.Length - 1])}' and no name.";
            }

            string? previousKey = null;
            for (var i = 0; i < parts.Length; i += 2)
            {
                var key = parts[i];
                var reason = key.Length == 0 ? "an empty segment" : ArmNameRules.TypeName(key);
                if (reason != null)
                {
                    return Bad(shown, i, key, reason);
                }

                if (i + 1 == parts.Length)
                {
                    break;
                }

                var value = parts[i + 1];
                reason = value.Length == 0 ? "an empty segment" : Rule(key, previousKey, i)(value);
                if (reason != null)
                {
                    return Bad(shown, i + 1, value, reason);
                }

                previousKey = key;
            }

            segments = parts;
            return null;
        }

        private static Func<string, string?> Rule(string key, string? previousKey, int index)
        {
            if (index == 0 && Is(key, "subscriptions"))
            {
                return ArmNameRules.Subscription;
            }

            if (Is(key, "resourceGroups"))
            {
                return ArmNameRules.ResourceGroup;
            }

            if (Is(key, "providers"))
            {
                return ArmNameRules.Namespace;
            }

            if (Is(key, "virtualMachines"))
            {
                return ArmNameRules.VirtualMachine;
            }

            if (Is(key, "extensions") && Is(previousKey, "virtualMachines"))
            {
                return ArmNameRules.Extension;
            }

            return Is(key, "vaults") ? ArmNameRules.Vault : ArmNameRules.Generic;
        }

        private static string Bad(string shown, int index, string segment, string reason) =>
            $"'{shown}' is not a valid Resource Manager id: segment {(index + 1).ToString(CultureInfo.InvariantCulture)} '{Printable(segment)}' is not allowed ({reason}).";

        private static void Part(string value, string what, Func<string, string?> rule)
        {
            var reason = string.IsNullOrEmpty(value) ? "it is empty" : rule(value);
            if (reason != null)
            {
                throw new ArgumentException($"The {what} '{Printable(value ?? string.Empty)}' is not valid: {reason}.", what.Replace(" ", string.Empty));
            }
        }

        private static bool Is(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
