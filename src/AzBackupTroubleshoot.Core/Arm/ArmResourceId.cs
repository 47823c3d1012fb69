using System;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>The parts of a Resource Manager id that the module needs (subscription, resource group, VM name).</summary>
    public sealed class ArmResourceId
    {
        private ArmResourceId(string value, string subscriptionId, string? resourceGroupName, string? provider, string? type, string? name)
        {
            Value = value;
            SubscriptionId = subscriptionId;
            ResourceGroupName = resourceGroupName;
            Provider = provider;
            Type = type;
            Name = name;
        }

        /// <summary>The id as given, without a trailing slash.</summary>
        public string Value { get; }

        /// <summary>The subscription id.</summary>
        public string SubscriptionId { get; }

        /// <summary>The resource group, if the id has one.</summary>
        public string? ResourceGroupName { get; }

        /// <summary>The resource provider namespace (for example Microsoft.Compute).</summary>
        public string? Provider { get; }

        /// <summary>The top-level resource type (for example virtualMachines).</summary>
        public string? Type { get; }

        /// <summary>The top-level resource name.</summary>
        public string? Name { get; }

        /// <summary>True for <c>…/providers/Microsoft.Compute/virtualMachines/{name}</c> with nothing after the name.</summary>
        public bool IsVirtualMachine { get; private set; }

        /// <summary>Parses an id.</summary>
        /// <exception cref="ArgumentException">The text is not a Resource Manager id; the message names it.</exception>
        public static ArmResourceId Parse(string resourceId)
        {
            if (string.IsNullOrWhiteSpace(resourceId))
            {
                throw new ArgumentException("The resource id is empty.", nameof(resourceId));
            }

            var value = resourceId.Trim().TrimEnd('/');
            var parts = value.Split('/');

            // "", "subscriptions", {sub}, "resourceGroups", {rg}, "providers", {ns}, {type}, {name}, [child type, child name ...]
            if (parts.Length < 3 || parts[0].Length != 0 || !Is(parts[1], "subscriptions") || parts[2].Length == 0)
            {
                throw new ArgumentException($"'{resourceId}' is not a Resource Manager id (expected /subscriptions/<id>/...).", nameof(resourceId));
            }

            string? group = null, provider = null, type = null, name = null;
            if (parts.Length >= 5 && Is(parts[3], "resourceGroups") && parts[4].Length > 0)
            {
                group = parts[4];
            }

            if (group != null && parts.Length >= 9 && Is(parts[5], "providers"))
            {
                provider = parts[6];
                type = parts[7];
                name = parts[8].Length > 0 ? parts[8] : null;
            }

            var id = new ArmResourceId(value, parts[2], group, provider, type, name);
            id.IsVirtualMachine = parts.Length == 9 && name != null && Is(provider, "Microsoft.Compute") && Is(type, "virtualMachines");
            return id;
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

        private static bool Is(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
