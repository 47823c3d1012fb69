namespace AzBackupTroubleshoot.Core.Facts.Windows.Registry
{
    /// <summary>A registry root, with the <c>hDefKey</c> number StdRegProv takes.</summary>
    public enum RegistryHive : uint
    {
        /// <summary>HKEY_CLASSES_ROOT (HKCR).</summary>
        ClassesRoot = 0x80000000,

        /// <summary>HKEY_CURRENT_USER (HKCU) of the account the provider runs as.</summary>
        CurrentUser = 0x80000001,

        /// <summary>HKEY_LOCAL_MACHINE (HKLM), hDefKey 2147483650.</summary>
        LocalMachine = 0x80000002,

        /// <summary>HKEY_USERS (HKU), hDefKey 2147483651.</summary>
        Users = 0x80000003,

        /// <summary>HKEY_CURRENT_CONFIG (HKCC).</summary>
        CurrentConfig = 0x80000005,
    }

    /// <summary>Short names of the registry roots (HKLM, HKU ...), as captures and messages write them.</summary>
    public static class RegistryHiveNames
    {
        /// <summary>The short name, for example <c>HKLM</c>.</summary>
        public static string ShortName(RegistryHive hive)
        {
            switch (hive)
            {
                case RegistryHive.ClassesRoot:
                    return "HKCR";
                case RegistryHive.CurrentUser:
                    return "HKCU";
                case RegistryHive.LocalMachine:
                    return "HKLM";
                case RegistryHive.Users:
                    return "HKU";
                case RegistryHive.CurrentConfig:
                    return "HKCC";
                default:
                    return "0x" + ((uint)hive).ToString("X8", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        /// <summary>Parses <c>HKLM</c>, <c>HKEY_LOCAL_MACHINE</c> and the other roots (case-insensitive).</summary>
        public static bool TryParse(string? text, out RegistryHive hive)
        {
            switch ((text ?? string.Empty).Trim().ToUpperInvariant())
            {
                case "HKCR":
                case "HKEY_CLASSES_ROOT":
                    hive = RegistryHive.ClassesRoot;
                    return true;
                case "HKCU":
                case "HKEY_CURRENT_USER":
                    hive = RegistryHive.CurrentUser;
                    return true;
                case "HKLM":
                case "HKEY_LOCAL_MACHINE":
                    hive = RegistryHive.LocalMachine;
                    return true;
                case "HKU":
                case "HKEY_USERS":
                    hive = RegistryHive.Users;
                    return true;
                case "HKCC":
                case "HKEY_CURRENT_CONFIG":
                    hive = RegistryHive.CurrentConfig;
                    return true;
                default:
                    hive = default;
                    return false;
            }
        }

        /// <summary>The root for an hDefKey number, if it is one.</summary>
        public static bool TryFromDefKey(long hDefKey, out RegistryHive hive)
        {
            hive = (RegistryHive)(uint)hDefKey;
            return hDefKey >= 0 && hDefKey <= uint.MaxValue && Enum.IsDefined(typeof(RegistryHive), hive);
        }
    }
}
