using AzBackupTroubleshoot.Core.Cim;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    /// <summary>
    /// An ICimGateway over an in-memory set of MSFT_NetRoute instances that records every call with its arguments. The
    /// static MSFT_NetRoute.Create adds the route as the NetTCPIP provider does (PolicyStore ActiveStore: one instance with
    /// Store 1; no PolicyStore: one in each store, Store 1 and Store 0) unless <see cref="FailCreateAt"/> says this call
    /// throws or <see cref="CreateReturnValue"/> is not 0; DeleteInstance removes an instance. Queries return every instance
    /// of the class, as a capture reader would (callers filter).
    /// </summary>
    internal sealed class RecordingCimGateway : ICimGateway
    {
        private readonly List<CimObject> _instances = new List<CimObject>();

        public string ComputerName => "recorded-vm";

        public bool IsLocal => true;

        /// <summary>Every call: method name and its arguments.</summary>
        public List<(string Method, string Namespace, string ClassName, object? Arguments)> Calls { get; } = new List<(string, string, string, object?)>();

        /// <summary>The 1-based MSFT_NetRoute.Create call that throws, or 0 for none.</summary>
        public int FailCreateAt { get; set; }

        /// <summary>What MSFT_NetRoute.Create returns; anything but 0 adds nothing.</summary>
        public uint CreateReturnValue { get; set; }

        /// <summary>Called after each successful Create with the number of creates so far.</summary>
        public Action<int>? AfterCreate { get; set; }

        public IReadOnlyList<CimObject> Instances => _instances;

        /// <summary>The arguments of every MSFT_NetRoute.Create call, in order.</summary>
        public IEnumerable<IReadOnlyDictionary<string, object?>> Created =>
            Calls.Where(c => c.Method == "MSFT_NetRoute.Create").Select(c => (IReadOnlyDictionary<string, object?>)c.Arguments!);

        public IEnumerable<CimObject> Deleted => Calls.Where(c => c.Method == nameof(DeleteInstance)).Select(c => (CimObject)c.Arguments!);

        public CimObject AddRoute(string prefix, string nextHop, string alias, uint index, int metric, int addressFamily = 2, byte store = 1)
        {
            var route = new CimObject("root/StandardCimv2", "MSFT_NetRoute", new Dictionary<string, object?>
            {
                ["DestinationPrefix"] = prefix,
                ["NextHop"] = nextHop,
                ["InterfaceAlias"] = alias,
                ["InterfaceIndex"] = index,
                ["RouteMetric"] = (ushort)metric,
                ["AddressFamily"] = (ushort)addressFamily,
                ["Store"] = store,
            });
            _instances.Add(route);
            return route;
        }

        public IReadOnlyList<CimObject> QueryInstances(string cimNamespace, string className, string? whereClause, CancellationToken cancellationToken)
        {
            Calls.Add((nameof(QueryInstances), cimNamespace, className, whereClause));
            return _instances.Where(i => i.Namespace == cimNamespace && i.ClassName == className).ToList();
        }

        public IReadOnlyDictionary<string, object?> InvokeMethod(string cimNamespace, string className, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
        {
            if (className != "MSFT_NetRoute" || methodName != "Create")
            {
                throw new NotSupportedException($"The route table calls only MSFT_NetRoute.Create, not {className}.{methodName}.");
            }

            Calls.Add((className + "." + methodName, cimNamespace, className, arguments));
            var count = Created.Count();
            if (FailCreateAt > 0 && count == FailCreateAt)
            {
                throw new InvalidOperationException("The object already exists.");
            }

            if (CreateReturnValue == 0)
            {
                var store = arguments.TryGetValue("PolicyStore", out var policyStore) ? policyStore as string : null;
                foreach (var storeValue in store == "ActiveStore" ? new byte[] { 1 } : new byte[] { 1, 0 })
                {
                    var stored = arguments.Where(p => p.Key != "PolicyStore").ToDictionary(p => p.Key, p => p.Value);
                    stored["Store"] = storeValue;
                    // As Windows does: an instance carries both the interface index and its alias, whichever was given.
                    var known = _instances.FirstOrDefault(i => (stored.TryGetValue("InterfaceIndex", out var index) && Equals(i["InterfaceIndex"], index))
                        || (stored.TryGetValue("InterfaceAlias", out var alias) && Equals(i["InterfaceAlias"], alias)));
                    if (known != null)
                    {
                        stored["InterfaceIndex"] = known["InterfaceIndex"];
                        stored["InterfaceAlias"] = known["InterfaceAlias"];
                    }

                    _instances.Add(new CimObject(cimNamespace, className, stored));
                }

                AfterCreate?.Invoke(count);
            }

            return new Dictionary<string, object?> { ["ReturnValue"] = CreateReturnValue };
        }

        public IReadOnlyDictionary<string, object?> InvokeMethod(CimObject instance, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The route table invokes no instance methods.");

        public CimObject CreateInstance(string cimNamespace, string className, IReadOnlyDictionary<string, object?> properties, CancellationToken cancellationToken) =>
            throw new NotSupportedException("MSFT_NetRoute routes are created with MSFT_NetRoute.Create, as New-NetRoute does.");

        public void DeleteInstance(CimObject instance, CancellationToken cancellationToken)
        {
            Calls.Add((nameof(DeleteInstance), instance.Namespace, instance.ClassName, instance));
            if (!_instances.Remove(instance))
            {
                throw new InvalidOperationException("No such instance.");
            }
        }
    }
}
