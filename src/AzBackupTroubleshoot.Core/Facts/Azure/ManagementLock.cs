using System.Text.Json;
using AzBackupTroubleshoot.Core.Arm;

namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>Where a management lock is applied.</summary>
    public enum ManagementLockScope
    {
        /// <summary>On the subscription: every resource group in it inherits the lock.</summary>
        Subscription,

        /// <summary>On a resource group: every resource in it inherits the lock.</summary>
        ResourceGroup,

        /// <summary>On one resource (or below it).</summary>
        Resource,
    }

    /// <summary>
    /// One management lock (<c>Microsoft.Authorization/locks</c>, ManagementLockObject of locks.json 2020-05-01): its id,
    /// level (CanNotDelete, ReadOnly) and notes. Where it applies is read from its id, which is the locked scope followed by
    /// <c>/providers/Microsoft.Authorization/locks/{name}</c>.
    /// </summary>
    public sealed class ManagementLock
    {
        private const string Marker = "/providers/Microsoft.Authorization/locks/";

        /// <summary>Creates a lock.</summary>
        /// <exception cref="ArgumentException">The id is not a lock id under a subscription.</exception>
        public ManagementLock(string id, string? level, string? notes)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException("The lock id is empty.", nameof(id));
            }

            Id = id.Trim().TrimEnd('/');
            var marker = Id.LastIndexOf(Marker, StringComparison.OrdinalIgnoreCase);
            if (marker <= 0 || marker + Marker.Length >= Id.Length)
            {
                throw new ArgumentException($"'{id}' is not a management lock id (<scope>{Marker}<name>).", nameof(id));
            }

            Name = Id.Substring(marker + Marker.Length);
            ScopeId = Id.Substring(0, marker);
            var parts = ScopeId.Split('/');

            // "", "subscriptions", {sub}[, "resourceGroups", {rg}[, "providers", ...]]
            if (parts.Length < 3 || parts[0].Length != 0 || !Is(parts[1], "subscriptions") || parts[2].Length == 0)
            {
                throw new ArgumentException($"The lock '{id}' is not under a subscription.", nameof(id));
            }

            SubscriptionId = parts[2];
            if (parts.Length == 3)
            {
                Scope = ManagementLockScope.Subscription;
            }
            else if (parts.Length >= 5 && Is(parts[3], "resourceGroups") && parts[4].Length > 0)
            {
                ResourceGroupName = parts[4];
                Scope = parts.Length == 5 ? ManagementLockScope.ResourceGroup : ManagementLockScope.Resource;
            }
            else
            {
                throw new ArgumentException($"The lock '{id}' is neither on a subscription nor under a resource group.", nameof(id));
            }

            Level = string.IsNullOrWhiteSpace(level) ? "NotSpecified" : level!;
            Notes = string.IsNullOrWhiteSpace(notes) ? null : notes;
        }

        /// <summary>The lock's resource id.</summary>
        public string Id { get; }

        /// <summary>The lock's name.</summary>
        public string Name { get; }

        /// <summary>The id of what is locked (the subscription, resource group or resource).</summary>
        public string ScopeId { get; }

        /// <summary>Whether the subscription, a resource group or a resource is locked.</summary>
        public ManagementLockScope Scope { get; }

        /// <summary>The subscription the lock is in.</summary>
        public string SubscriptionId { get; }

        /// <summary>The locked resource group (also for a resource lock); null for a subscription lock.</summary>
        public string? ResourceGroupName { get; }

        /// <summary>properties.level: CanNotDelete, ReadOnly (or NotSpecified).</summary>
        public string Level { get; }

        /// <summary>properties.notes, if any.</summary>
        public string? Notes { get; }

        /// <summary>True for CanNotDelete and ReadOnly: both stop Azure Backup deleting old restore points.</summary>
        public bool BlocksDelete =>
            string.Equals(Level, "CanNotDelete", StringComparison.OrdinalIgnoreCase) || string.Equals(Level, "ReadOnly", StringComparison.OrdinalIgnoreCase);

        /// <summary>Reads an item of a ManagementLocks list.</summary>
        /// <exception cref="FormatException">The item has no usable lock id.</exception>
        public static ManagementLock Parse(JsonElement item)
        {
            var id = JsonText.String(item, "id");
            var properties = JsonText.Property(item, "properties");
            try
            {
                return new ManagementLock(
                    id ?? string.Empty,
                    properties.HasValue ? JsonText.String(properties.Value, "level") : null,
                    properties.HasValue ? JsonText.String(properties.Value, "notes") : null);
            }
            catch (ArgumentException ex)
            {
                throw new FormatException("A management lock could not be read: " + ex.Message, ex);
            }
        }

        /// <summary>"CanNotDelete lock 'name' on the subscription" and the like.</summary>
        public string Describe()
        {
            var where = Scope switch
            {
                ManagementLockScope.Subscription => "the subscription (inherited by every resource group)",
                ManagementLockScope.ResourceGroup => "resource group " + ResourceGroupName,
                _ => "resource " + ScopeId.Substring(ScopeId.LastIndexOf('/') + 1) + " in " + ResourceGroupName,
            };
            return $"{Level} lock '{Name}' on {where}";
        }

        /// <inheritdoc />
        public override string ToString() => Id;

        private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
