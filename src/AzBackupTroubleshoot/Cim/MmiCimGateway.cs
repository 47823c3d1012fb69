using System.Collections;
using System.Runtime.CompilerServices;
using AzBackupTroubleshoot.Core.Cim;
using Microsoft.Management.Infrastructure;
using Microsoft.Management.Infrastructure.Options;

namespace AzBackupTroubleshoot.Cim
{
    /// <summary>
    /// The real <see cref="ICimGateway"/>: Microsoft.Management.Infrastructure over a CimSession to the local machine, to a
    /// computer by name (WSMan), or a session the user passed. Every MMI type stays inside this class, and nothing that
    /// loads at import refers to it with a field or signature of an MMI type: the assembly is loaded only when a CIM code
    /// path runs (Windows, or -CimSession). Parameter values are converted to the types the class declares, as
    /// Invoke-CimMethod does. MMI failures become <see cref="CimGatewayException"/>.
    /// </summary>
    internal sealed class MmiCimGateway : ICimGateway, IDisposable
    {
        private readonly CimSession _session;
        private readonly bool _ownsSession;
        private readonly ConditionalWeakTable<CimObject, CimInstance> _origins = new ConditionalWeakTable<CimObject, CimInstance>();
        private readonly Dictionary<string, CimClass?> _classes = new Dictionary<string, CimClass?>(StringComparer.OrdinalIgnoreCase);
        private readonly object _gate = new object();

        private MmiCimGateway(CimSession session, bool ownsSession, string? computerName)
        {
            _session = session;
            _ownsSession = ownsSession;
            IsLocal = IsLocalName(computerName);
            ComputerName = IsLocal ? Environment.MachineName : computerName!;
        }

        /// <inheritdoc />
        public string ComputerName { get; }

        /// <inheritdoc />
        public bool IsLocal { get; }

        /// <summary>A session to the local machine (DCOM-free local MI).</summary>
        public static MmiCimGateway Local() => Create(null, WsmanConnectionOptions.Default);

        /// <summary>A new WSMan session to <paramref name="computerName"/> with the caller's credentials.</summary>
        public static MmiCimGateway Connect(string computerName) => Create(computerName, WsmanConnectionOptions.Default);

        /// <summary>
        /// A new WSMan session to <paramref name="computerName"/> built the way New-CimSession builds it from -Credential,
        /// -Authentication, -Port and New-CimSessionOption -UseSsl: WSManSessionOptions with UseSsl and DestinationPort,
        /// and a CimCredential (PasswordAuthenticationMechanism, domain, user, password) or, with a mechanism but no
        /// credential, an impersonated CimCredential.
        /// </summary>
        public static MmiCimGateway Connect(string computerName, WsmanConnectionOptions options) => Create(computerName, options ?? WsmanConnectionOptions.Default);

        /// <summary>
        /// Wraps a session the user passed (-CimSession). Typed <see cref="object"/> so the caller needs no MMI type; the
        /// session stays open (the user owns it).
        /// </summary>
        public static MmiCimGateway FromSession(object session)
        {
            var cimSession = (session is System.Management.Automation.PSObject ps ? ps.BaseObject : session) as CimSession
                ?? throw new ArgumentException($"Expected a CimSession, got {session?.GetType().FullName ?? "null"}.", nameof(session));
            return new MmiCimGateway(cimSession, ownsSession: false, cimSession.ComputerName);
        }

        /// <summary>True when <paramref name="value"/> is a CimSession (for parameter validation without MMI types in the caller).</summary>
        public static bool IsCimSession(object? value) =>
            (value is System.Management.Automation.PSObject ps ? ps.BaseObject : value) is CimSession;

        /// <inheritdoc />
        public IReadOnlyList<CimObject> QueryInstances(string cimNamespace, string className, string? whereClause, CancellationToken cancellationToken)
        {
            var query = "SELECT * FROM " + className + (string.IsNullOrWhiteSpace(whereClause) ? string.Empty : " WHERE " + whereClause);
            return Guard($"query '{query}' in {cimNamespace}", cancellationToken, () =>
            {
                using var options = Options(cancellationToken);
                return _session.QueryInstances(cimNamespace, "WQL", query, options).Select(i => Remember(i, cimNamespace)).ToArray();
            });
        }

        /// <inheritdoc />
        public IReadOnlyDictionary<string, object?> InvokeMethod(string cimNamespace, string className, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
            Guard($"{className}.{methodName} in {cimNamespace}", cancellationToken, () =>
            {
                using var options = Options(cancellationToken);
                using var parameters = Parameters(cimNamespace, className, methodName, arguments);
                return Output(_session.InvokeMethod(cimNamespace, className, methodName, parameters, options));
            });

        /// <inheritdoc />
        public IReadOnlyDictionary<string, object?> InvokeMethod(CimObject instance, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
            Guard($"{instance.ClassName}.{methodName}", cancellationToken, () =>
            {
                var original = Original(instance, cancellationToken);
                using var options = Options(cancellationToken);
                using var parameters = Parameters(instance.Namespace, instance.ClassName, methodName, arguments);
                return Output(_session.InvokeMethod(instance.Namespace, original, methodName, parameters, options));
            });

        /// <inheritdoc />
        public CimObject CreateInstance(string cimNamespace, string className, IReadOnlyDictionary<string, object?> properties, CancellationToken cancellationToken) =>
            Guard($"creating {className} in {cimNamespace}", cancellationToken, () =>
            {
                var declaration = Class(cimNamespace, className);
                using var instance = declaration != null ? new CimInstance(declaration) : new CimInstance(className, cimNamespace);
                foreach (var pair in properties.Where(p => p.Value != null))
                {
                    var existing = instance.CimInstanceProperties[pair.Key];
                    if (existing != null)
                    {
                        existing.Value = ToCim(pair.Value!, existing.CimType);
                        existing.IsValueModified = true;
                    }
                    else
                    {
                        instance.CimInstanceProperties.Add(CimProperty.Create(pair.Key, pair.Value, CimFlags.None));
                    }
                }

                using var options = Options(cancellationToken);
                return Remember(_session.CreateInstance(cimNamespace, instance, options), cimNamespace);
            });

        /// <inheritdoc />
        public void DeleteInstance(CimObject instance, CancellationToken cancellationToken) =>
            Guard($"deleting {instance.ClassName}", cancellationToken, () =>
            {
                var original = Original(instance, cancellationToken);
                using var options = Options(cancellationToken);
                _session.DeleteInstance(instance.Namespace, original, options);
                return 0;
            });

        /// <inheritdoc />
        public void Dispose()
        {
            if (_ownsSession)
            {
                _session.Dispose();
            }
        }

        private static MmiCimGateway Create(string? computerName, WsmanConnectionOptions connection)
        {
            // Explicit options always go to the named machine over WSMan, even when it is this one (as New-CimSession).
            var remote = !IsLocalName(computerName) || (computerName != null && !connection.IsDefault);
            CimSession? session = null;
            try
            {
                using var options = remote && !connection.IsDefault ? SessionOptions(connection) : null;
                session = options is null ? CimSession.Create(remote ? computerName : null) : CimSession.Create(computerName, options);

                // A WSMan session connects lazily: without this, a VM that cannot be reached would show only as every
                // fact failing to read. Test it now so the caller gets one CimGatewayException (CimOperationFailed).
                if (remote && !session.TestConnection(out _, out var failure))
                {
                    throw failure ?? new CimException($"The WinRM service on '{computerName}' did not answer.");
                }

                return new MmiCimGateway(session, ownsSession: true, computerName);
            }
            catch (CimException ex)
            {
                session?.Dispose();
                throw new CimGatewayException(CimGatewayException.OperationFailed, computerName ?? Environment.MachineName, $"Cannot open a CIM session to '{computerName ?? "localhost"}': {ex.Message}", ex);
            }
        }

        /// <summary>The WSMan options New-CimSession would build from the same parameters.</summary>
        private static WSManSessionOptions SessionOptions(WsmanConnectionOptions connection)
        {
            var options = new WSManSessionOptions();
            if (connection.UseSsl)
            {
                options.UseSsl = true;
            }

            if (connection.Port.HasValue)
            {
                options.DestinationPort = (uint)connection.Port.Value;
            }

            if (connection.UserName != null)
            {
                var mechanism = (PasswordAuthenticationMechanism)Enum.Parse(typeof(PasswordAuthenticationMechanism), connection.Authentication.ToString());
                options.AddDestinationCredentials(new CimCredential(mechanism, connection.Domain, connection.User, connection.GetPassword()));
            }
            else if (connection.Authentication != WsmanAuthentication.Default)
            {
                // Without a credential New-CimSession impersonates the caller with the mechanism (Negotiate, Kerberos, NtlmDomain).
                var mechanism = (ImpersonatedAuthenticationMechanism)Enum.Parse(typeof(ImpersonatedAuthenticationMechanism), connection.Authentication.ToString());
                options.AddDestinationCredentials(new CimCredential(mechanism));
            }

            return options;
        }

        private static bool IsLocalName(string? computerName) =>
            string.IsNullOrWhiteSpace(computerName) || computerName == "." || computerName == "127.0.0.1" || computerName == "::1" ||
            string.Equals(computerName, "localhost", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(computerName, Environment.MachineName, StringComparison.OrdinalIgnoreCase);

        private static CimOperationOptions Options(CancellationToken cancellationToken) =>
            new CimOperationOptions { CancellationToken = cancellationToken };

        private T Guard<T>(string operation, CancellationToken cancellationToken, Func<T> call)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return call();
            }
            catch (CimException ex)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = ex.NativeErrorCode == NativeErrorCode.InvalidNamespace ? CimGatewayException.NamespaceNotFound : CimGatewayException.OperationFailed;
                throw new CimGatewayException(id, ComputerName, $"{ComputerName}: {operation} failed: {ex.Message} ({ex.NativeErrorCode}).", ex);
            }
        }

        private CimClass? Class(string cimNamespace, string className)
        {
            var key = cimNamespace + ":" + className;
            lock (_gate)
            {
                if (_classes.TryGetValue(key, out var known))
                {
                    return known;
                }
            }

            CimClass? declaration;
            try
            {
                declaration = _session.GetClass(cimNamespace, className);
            }
            catch (CimException)
            {
                declaration = null;
            }

            lock (_gate)
            {
                _classes[key] = declaration;
            }

            return declaration;
        }

        private CimMethodParametersCollection Parameters(string cimNamespace, string className, string methodName, IReadOnlyDictionary<string, object?> arguments)
        {
            var declared = Class(cimNamespace, className)?.CimClassMethods[methodName]?.Parameters;
            var parameters = new CimMethodParametersCollection();
            foreach (var pair in arguments ?? new Dictionary<string, object?>())
            {
                if (pair.Value == null)
                {
                    continue;
                }

                var declaration = declared?[pair.Key];
                parameters.Add(declaration != null
                    ? CimMethodParameter.Create(declaration.Name, ToCim(pair.Value, declaration.CimType), declaration.CimType, CimFlags.In)
                    : CimMethodParameter.Create(pair.Key, pair.Value, CimFlags.In));
            }

            return parameters;
        }

        private IReadOnlyDictionary<string, object?> Output(CimMethodResult result)
        {
            using (result)
            {
                var output = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["ReturnValue"] = FromCim(result.ReturnValue?.Value) };
                foreach (CimMethodParameter parameter in result.OutParameters)
                {
                    output[parameter.Name] = FromCim(parameter.Value);
                }

                return output;
            }
        }

        private CimInstance Original(CimObject instance, CancellationToken cancellationToken)
        {
            if (_origins.TryGetValue(instance, out var original))
            {
                return original;
            }

            // An instance read elsewhere (a capture, an earlier gateway): find it again by its Name.
            var name = instance.GetString("Name") ?? throw new ArgumentException($"The {instance.ClassName} instance was not read through this session and has no Name to find it by.", nameof(instance));
            using var options = Options(cancellationToken);
            var found = _session.QueryInstances(instance.Namespace, "WQL", $"SELECT * FROM {instance.ClassName} WHERE Name='{name.Replace("\\", "\\\\").Replace("'", "\\'")}'", options).FirstOrDefault();
            return found ?? throw new CimGatewayException(CimGatewayException.OperationFailed, ComputerName, $"{instance.ClassName} '{name}' does not exist on {ComputerName}.");
        }

        private CimObject Remember(CimInstance instance, string cimNamespace)
        {
            var properties = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (CimProperty property in instance.CimInstanceProperties)
            {
                properties[property.Name] = FromCim(property.Value);
            }

            var converted = new CimObject(instance.CimSystemProperties.Namespace ?? cimNamespace, instance.CimSystemProperties.ClassName, properties);
            _origins.Add(converted, instance);
            return converted;
        }

        private object? FromCim(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case CimInstance embedded:
                    return Remember(embedded, embedded.CimSystemProperties.Namespace ?? string.Empty);
                case CimInstance[] many:
                    return many.Select(i => (object?)Remember(i, i.CimSystemProperties.Namespace ?? string.Empty)).ToArray();
                default:
                    return value;
            }
        }

        private static object ToCim(object value, CimType type)
        {
            var c = CultureInfo.InvariantCulture;
            switch (type)
            {
                case CimType.Boolean: return Convert.ToBoolean(value, c);
                case CimType.UInt8: return Convert.ToByte(value, c);
                case CimType.SInt8: return Convert.ToSByte(value, c);
                case CimType.UInt16: return Convert.ToUInt16(value, c);
                case CimType.SInt16: return Convert.ToInt16(value, c);
                case CimType.UInt32: return Convert.ToUInt32(value, c);
                case CimType.SInt32: return Convert.ToInt32(value, c);
                case CimType.UInt64: return Convert.ToUInt64(value, c);
                case CimType.SInt64: return Convert.ToInt64(value, c);
                case CimType.Real32: return Convert.ToSingle(value, c);
                case CimType.Real64: return Convert.ToDouble(value, c);
                case CimType.String: return Convert.ToString(value, c) ?? string.Empty;
                case CimType.UInt8Array: return Items(value).Select(v => Convert.ToByte(v, c)).ToArray();
                case CimType.UInt16Array: return Items(value).Select(v => Convert.ToUInt16(v, c)).ToArray();
                case CimType.UInt32Array: return Items(value).Select(v => Convert.ToUInt32(v, c)).ToArray();
                case CimType.SInt32Array: return Items(value).Select(v => Convert.ToInt32(v, c)).ToArray();
                case CimType.UInt64Array: return Items(value).Select(v => Convert.ToUInt64(v, c)).ToArray();
                case CimType.StringArray: return Items(value).Select(v => Convert.ToString(v, c) ?? string.Empty).ToArray();
                default: return value;
            }
        }

        private static IEnumerable<object> Items(object value) =>
            value is IEnumerable items && !(value is string) ? items.Cast<object>() : new[] { value };
    }
}
