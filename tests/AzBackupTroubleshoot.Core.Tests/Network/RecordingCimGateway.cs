using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AzBackupTroubleshoot.Core.Cim;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    /// <summary>
    /// An ICimGateway over an in-memory set of instances that records every call with its arguments. CreateInstance adds
    /// the instance (so later queries see it) unless <see cref="FailCreateAt"/> says this call fails; DeleteInstance removes
    /// it. Queries return every instance of the class, as a capture reader would (callers filter).
    /// </summary>
    internal sealed class RecordingCimGateway : ICimGateway
    {
        private readonly List<CimObject> _instances = new List<CimObject>();

        public string ComputerName => "recorded-vm";

        public bool IsLocal => true;

        /// <summary>Every call: method name and its arguments.</summary>
        public List<(string Method, string Namespace, string ClassName, object? Arguments)> Calls { get; } = new List<(string, string, string, object?)>();

        /// <summary>The 1-based CreateInstance call that throws, or 0 for none.</summary>
        public int FailCreateAt { get; set; }

        /// <summary>Called after each successful CreateInstance with the number of creates so far.</summary>
        public Action<int>? AfterCreate { get; set; }

        public IReadOnlyList<CimObject> Instances => _instances;

        public IEnumerable<IReadOnlyDictionary<string, object?>> Created =>
            Calls.Where(c => c.Method == nameof(CreateInstance)).Select(c => (IReadOnlyDictionary<string, object?>)c.Arguments!);

        public IEnumerable<CimObject> Deleted => Calls.Where(c => c.Method == nameof(DeleteInstance)).Select(c => (CimObject)c.Arguments!);

        public CimObject AddRoute(string prefix, string nextHop, string alias, uint index, int metric, int addressFamily = 2)
        {
            var route = new CimObject("root/StandardCimv2", "MSFT_NetRoute", new Dictionary<string, object?>
            {
                ["DestinationPrefix"] = prefix,
                ["NextHop"] = nextHop,
                ["InterfaceAlias"] = alias,
                ["InterfaceIndex"] = index,
                ["RouteMetric"] = (ushort)metric,
                ["AddressFamily"] = (ushort)addressFamily,
                ["Store"] = (byte)1,
            });
            _instances.Add(route);
            return route;
        }

        public IReadOnlyList<CimObject> QueryInstances(string cimNamespace, string className, string? whereClause, CancellationToken cancellationToken)
        {
            Calls.Add((nameof(QueryInstances), cimNamespace, className, whereClause));
            return _instances.Where(i => i.Namespace == cimNamespace && i.ClassName == className).ToList();
        }

        public IReadOnlyDictionary<string, object?> InvokeMethod(string cimNamespace, string className, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The route table invokes no methods.");

        public IReadOnlyDictionary<string, object?> InvokeMethod(CimObject instance, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The route table invokes no methods.");

        public CimObject CreateInstance(string cimNamespace, string className, IReadOnlyDictionary<string, object?> properties, CancellationToken cancellationToken)
        {
            Calls.Add((nameof(CreateInstance), cimNamespace, className, properties));
            if (FailCreateAt > 0 && Calls.Count(c => c.Method == nameof(CreateInstance)) == FailCreateAt)
            {
                throw new InvalidOperationException("The object already exists.");
            }

            var stored = properties.Where(p => p.Key != "PolicyStore").ToDictionary(p => p.Key, p => p.Value);
            stored["Store"] = (byte)(string.Equals(properties["PolicyStore"] as string, "PersistentStore", StringComparison.Ordinal) ? 0 : 1);
            stored["AddressFamily"] = (ushort)(((string)properties["DestinationPrefix"]!).Contains(':') ? 23 : 2);
            var instance = new CimObject(cimNamespace, className, stored);
            _instances.Add(instance);
            AfterCreate?.Invoke(Calls.Count(c => c.Method == nameof(CreateInstance)));
            return instance;
        }

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
