using System.Collections;
using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// What the datacenter-route cmdlets take from the pipeline: Service Tags (the module's own objects, a whole
    /// <see cref="ServiceTagFile"/>, Get-AzNetworkServiceTag output or ConvertFrom-Json of a Service Tags file), health results
    /// and route changes. Tag-like objects are recognised by shape: a Name and (Properties.)AddressPrefixes.
    /// </summary>
    internal sealed class ServiceTagInput
    {
        public List<ServiceTag> Tags { get; } = new List<ServiceTag>();

        public List<HealthCheckResult> HealthResults { get; } = new List<HealthCheckResult>();

        public List<RouteChange> RouteChanges { get; } = new List<RouteChange>();

        /// <summary>The change number of a piped document (Get-AzNetworkServiceTag, a ServiceTagFile), when one came.</summary>
        public long? ChangeNumber { get; private set; }

        public string? Cloud { get; private set; }

        /// <summary>The file of a piped <see cref="ServiceTagFile"/>, for the advice.</summary>
        public string? Path { get; private set; }

        /// <summary>
        /// Takes one piped object. Returns false when its shape is not recognised; a tag with a malformed prefix throws
        /// <see cref="ServiceTagException"/>.
        /// </summary>
        public bool Add(object? input)
        {
            var value = input is PSObject pso ? pso.BaseObject : input;
            switch (value)
            {
                case null:
                    return false;
                case ServiceTag tag:
                    Tags.Add(tag);
                    return true;
                case ServiceTagFile file:
                    // A file read for a selection holds tags whose prefixes were skipped: those are not tags to route.
                    Tags.AddRange(file.Tags.Where(t => !t.Skipped));
                    ChangeNumber = file.ChangeNumber ?? ChangeNumber;
                    Cloud = file.Cloud ?? Cloud;
                    Path = file.Path ?? Path;
                    return true;
                case HealthCheckResult result:
                    HealthResults.Add(result);
                    return true;
                case RouteChange change:
                    RouteChanges.Add(change);
                    return true;
            }

            var shape = PSObject.AsPSObject(input);
            var values = Property(shape, "Values") ?? Property(shape, "value");
            if (values is IEnumerable list && !(values is string) && Property(shape, "Name") is null)
            {
                // A whole document: Get-AzNetworkServiceTag's result or ConvertFrom-Json of a Service Tags file.
                ChangeNumber = ToLong(Property(shape, "ChangeNumber")) ?? ChangeNumber;
                Cloud = Property(shape, "Cloud") as string ?? Cloud;
                var any = false;
                foreach (var item in list)
                {
                    any |= Add(item);
                }

                return any;
            }

            var converted = ToTag(shape);
            if (converted is null)
            {
                return false;
            }

            Tags.Add(converted);
            return true;
        }

        /// <summary>A tag from an object with Name and Properties.AddressPrefixes (or AddressPrefixes), or null.</summary>
        private static ServiceTag? ToTag(PSObject shape)
        {
            if (!(Property(shape, "Name") is string name) || name.Length == 0)
            {
                return null;
            }

            var properties = Property(shape, "Properties") is object p ? PSObject.AsPSObject(p) : shape;
            if (!(Property(properties, "AddressPrefixes") is IEnumerable prefixes) || prefixes is string)
            {
                return null;
            }

            var parsed = new List<IpPrefix>();
            foreach (var item in prefixes)
            {
                var text = (item is PSObject wrapped ? wrapped.BaseObject : item)?.ToString();
                if (!IpPrefix.TryParse(text, out var prefix, out var reason))
                {
                    throw new ServiceTagException(ServiceTagErrorKind.MalformedPrefix, "not a CIDR block: " + reason, null, name, text ?? string.Empty);
                }

                parsed.Add(prefix);
            }

            return new ServiceTag(
                name,
                Property(shape, "Id") as string,
                Property(properties, "Region") as string ?? string.Empty,
                (int?)ToLong(Property(properties, "RegionId")),
                Property(properties, "Platform") as string,
                Property(properties, "SystemService") as string,
                ToLong(Property(properties, "ChangeNumber")),
                parsed,
                null);
        }

        private static object? Property(PSObject shape, string name)
        {
            var value = shape.Properties[name]?.Value;
            return value is PSObject pso && !(pso.BaseObject is PSCustomObject) ? pso.BaseObject : value;
        }

        private static long? ToLong(object? value) =>
            value != null && long.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : (long?)null;
    }
}
