using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>What a Resource Graph query runs over: subscriptions, management groups, or every subscription of the tenant.</summary>
    public enum ResourceGraphScopeKind
    {
        /// <summary>The listed subscriptions (sent in batches of <see cref="ResourceGraphScope.MaxSubscriptionsPerRequest"/>).</summary>
        Subscriptions,

        /// <summary>The subscriptions under the listed management groups.</summary>
        ManagementGroups,

        /// <summary>Every subscription the caller can read in the tenant (the request names none).</summary>
        Tenant,
    }

    /// <summary>The scope of a Resource Graph query, validated where it enters (GUID subscription ids, plain management group names).</summary>
    public sealed class ResourceGraphScope
    {
        /// <summary>
        /// Subscriptions per request: "Batch requests for the query with a subset of subscriptions to stay under the
        /// 1,000 subscription limit" (Troubleshoot errors using Azure Resource Graph, "Too many subscriptions",
        /// https://learn.microsoft.com/azure/governance/resource-graph/troubleshoot/general).
        /// </summary>
        public const int MaxSubscriptionsPerRequest = 1000;

        /// <summary>Management groups per request, as Search-AzGraph -ManagementGroup sends them (same documented limit).</summary>
        public const int MaxManagementGroupsPerRequest = 1000;

        private static readonly Regex ManagementGroupName = new Regex("^[A-Za-z0-9_().-]{1,90}$", RegexOptions.CultureInvariant);

        private ResourceGraphScope(ResourceGraphScopeKind kind, IReadOnlyList<string> names)
        {
            Kind = kind;
            Names = names;
        }

        /// <summary>The kind of scope.</summary>
        public ResourceGraphScopeKind Kind { get; }

        /// <summary>The subscription ids or management group names (empty for the tenant).</summary>
        public IReadOnlyList<string> Names { get; }

        /// <summary>Every subscription the caller can read.</summary>
        public static ResourceGraphScope Tenant { get; } = new ResourceGraphScope(ResourceGraphScopeKind.Tenant, Array.Empty<string>());

        /// <summary>The given subscriptions (duplicates dropped, case-insensitively).</summary>
        /// <exception cref="ArgumentException">A value is not a subscription id (a GUID), or none is given.</exception>
        public static ResourceGraphScope ForSubscriptions(IEnumerable<string> subscriptionIds)
        {
            var ids = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var raw in subscriptionIds ?? throw new ArgumentNullException(nameof(subscriptionIds)))
            {
                var text = (raw ?? string.Empty).Trim();
                if (!Guid.TryParseExact(text, "D", out _))
                {
                    throw new ArgumentException($"'{raw}' is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000).", nameof(subscriptionIds));
                }

                if (seen.Add(text))
                {
                    ids.Add(text);
                }
            }

            if (ids.Count == 0)
            {
                throw new ArgumentException("No subscription was given.", nameof(subscriptionIds));
            }

            return new ResourceGraphScope(ResourceGraphScopeKind.Subscriptions, ids);
        }

        /// <summary>The given management groups (their names, the last segment of the id).</summary>
        /// <exception cref="ArgumentException">A name has characters a management group name cannot have, or none is given.</exception>
        public static ResourceGraphScope ForManagementGroups(IEnumerable<string> names)
        {
            var list = new List<string>();
            foreach (var raw in names ?? throw new ArgumentNullException(nameof(names)))
            {
                var text = (raw ?? string.Empty).Trim().TrimEnd('/');
                var slash = text.LastIndexOf('/');
                if (slash >= 0 && text.IndexOf("/providers/Microsoft.Management/managementGroups/", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    text = text.Substring(slash + 1);
                }

                if (!ManagementGroupName.IsMatch(text))
                {
                    throw new ArgumentException($"'{raw}' is not a management group name or id (letters, digits, -, _, (, ), . up to 90 characters).", nameof(names));
                }

                if (!list.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    list.Add(text);
                }
            }

            if (list.Count == 0)
            {
                throw new ArgumentException("No management group was given.", nameof(names));
            }

            return new ResourceGraphScope(ResourceGraphScopeKind.ManagementGroups, list);
        }

        /// <summary>The scope split into the batches one request each may carry (at most <paramref name="size"/> names, capped at the documented limit).</summary>
        public IEnumerable<ResourceGraphScope> Batches(int size = MaxSubscriptionsPerRequest)
        {
            if (size < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(size));
            }

            if (Kind == ResourceGraphScopeKind.Tenant)
            {
                yield return this;
                yield break;
            }

            size = Math.Min(size, Kind == ResourceGraphScopeKind.Subscriptions ? MaxSubscriptionsPerRequest : MaxManagementGroupsPerRequest);
            for (var i = 0; i < Names.Count; i += size)
            {
                yield return new ResourceGraphScope(Kind, Names.Skip(i).Take(size).ToList());
            }
        }

        /// <inheritdoc />
        public override string ToString() => Kind == ResourceGraphScopeKind.Tenant
            ? "the tenant"
            : (Kind == ResourceGraphScopeKind.Subscriptions ? "subscription(s) " : "management group(s) ") + string.Join(", ", Names);
    }
}
