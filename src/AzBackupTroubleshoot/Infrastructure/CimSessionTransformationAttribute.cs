using System.Collections;
using System.Management.Automation;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// Lets -CimSession take computer names as the CDXML cmdlets do (Get-NetRoute -CimSession vm1): a string becomes a
    /// <see cref="CimComputerName"/>, opened later as a new WSMan session with the default options; sessions pass as they
    /// are. The name is marked with the CimSession type name so the parameter's PSTypeName check (which keeps MMI types
    /// out of the module's signatures) accepts it. Arrays stay arrays and single values single.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class CimSessionTransformationAttribute : ArgumentTransformationAttribute
    {
        private const string CimSessionTypeName = "Microsoft.Management.Infrastructure.CimSession";

        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            if (inputData is null)
            {
                return null;
            }

            var value = inputData is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : inputData;
            if (value is string)
            {
                return Convert(inputData);
            }

            if (value is IEnumerable items && !(value is IDictionary))
            {
                var converted = new List<PSObject>();
                foreach (var item in items)
                {
                    converted.Add(Convert(item));
                }

                return converted.ToArray();
            }

            return Convert(inputData);
        }

        private static PSObject Convert(object? item)
        {
            var value = item is PSObject ps ? ps.BaseObject : item;
            if (value is string name)
            {
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new ArgumentTransformationMetadataException("-CimSession takes a CimSession (New-CimSession) or a computer name; the name is empty.");
                }

                var named = new PSObject(new CimComputerName(name.Trim()));
                named.TypeNames.Insert(0, CimSessionTypeName);
                return named;
            }

            return PSObject.AsPSObject(item!);
        }
    }
}
