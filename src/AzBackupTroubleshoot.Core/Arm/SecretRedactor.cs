using System;
using System.Collections.Generic;

namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>
    /// Removes known secrets (the bearer tokens a client has used) from text before it leaves the client in a message,
    /// a log line or an exception. A second line of defence: the client never puts a token into text on purpose.
    /// </summary>
    internal sealed class SecretRedactor
    {
        private const string Mask = "***";
        private readonly object _gate = new object();
        private readonly List<string> _secrets = new List<string>();

        public void Add(string secret)
        {
            if (string.IsNullOrEmpty(secret))
            {
                return;
            }

            lock (_gate)
            {
                if (!_secrets.Contains(secret))
                {
                    _secrets.Add(secret);
                }
            }
        }

        public string Redact(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            lock (_gate)
            {
                var result = text!;
                foreach (var secret in _secrets)
                {
                    if (result.IndexOf(secret, StringComparison.Ordinal) >= 0)
                    {
                        result = result.Replace(secret, Mask);
                    }
                }

                return result;
            }
        }
    }
}
