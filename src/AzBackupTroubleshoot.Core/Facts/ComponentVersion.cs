namespace AzBackupTroubleshoot.Core.Facts
{
    /// <summary>
    /// A dotted numeric version such as <c>2.2.53.1</c> or <c>1.0.9184.0</c>, compared part by part with missing parts
    /// read as zero (so <c>2.2.53</c> equals <c>2.2.53.0</c>), as the agent's FlexibleVersion compares them. The one
    /// version type: Linux agent and extension versions, the Windows guest agent's and the Azure instance view's.
    /// </summary>
    public sealed class ComponentVersion : IComparable<ComponentVersion>, IEquatable<ComponentVersion>
    {
        private readonly int[] _parts;

        private ComponentVersion(int[] parts, string text)
        {
            _parts = parts;
            Text = text;
        }

        /// <summary>The version as written.</summary>
        public string Text { get; }

        /// <summary>Parses <c>1.2.3.4</c> (one to eight numeric parts); null when it is not such a version.</summary>
        public static ComponentVersion? TryParse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            var trimmed = text!.Trim();
            var pieces = trimmed.Split('.');
            if (pieces.Length > 8)
            {
                return null;
            }

            var parts = new int[pieces.Length];
            for (var i = 0; i < pieces.Length; i++)
            {
                if (pieces[i].Length == 0 || !pieces[i].All(char.IsDigit) ||
                    !int.TryParse(pieces[i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[i]))
                {
                    return null;
                }
            }

            return new ComponentVersion(parts, trimmed);
        }

        /// <summary>Parses a version known to be valid.</summary>
        /// <exception cref="FormatException">It is not a version.</exception>
        public static ComponentVersion Parse(string text) =>
            TryParse(text) ?? throw new FormatException($"'{text}' is not a dotted numeric version.");

        /// <inheritdoc />
        public int CompareTo(ComponentVersion? other)
        {
            if (other is null)
            {
                return 1;
            }

            var length = Math.Max(_parts.Length, other._parts.Length);
            for (var i = 0; i < length; i++)
            {
                var mine = i < _parts.Length ? _parts[i] : 0;
                var theirs = i < other._parts.Length ? other._parts[i] : 0;
                if (mine != theirs)
                {
                    return mine.CompareTo(theirs);
                }
            }

            return 0;
        }

        /// <inheritdoc />
        public bool Equals(ComponentVersion? other) => CompareTo(other) == 0;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is ComponentVersion other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode()
        {
            var significant = _parts.Length;
            while (significant > 0 && _parts[significant - 1] == 0)
            {
                significant--;
            }

            var hash = 17;
            for (var i = 0; i < significant; i++)
            {
                hash = (hash * 31) + _parts[i];
            }

            return hash;
        }

        /// <summary>Equal part by part (missing parts read as zero); two nulls are equal.</summary>
        public static bool operator ==(ComponentVersion? left, ComponentVersion? right) => left is null ? right is null : left.Equals(right);

        /// <summary>Not equal part by part.</summary>
        public static bool operator !=(ComponentVersion? left, ComponentVersion? right) => !(left == right);

        /// <summary>Older; null is older than any version.</summary>
        public static bool operator <(ComponentVersion? left, ComponentVersion? right) => Compare(left, right) < 0;

        /// <summary>Newer; any version is newer than null.</summary>
        public static bool operator >(ComponentVersion? left, ComponentVersion? right) => Compare(left, right) > 0;

        /// <summary>Older or equal.</summary>
        public static bool operator <=(ComponentVersion? left, ComponentVersion? right) => Compare(left, right) <= 0;

        /// <summary>Newer or equal.</summary>
        public static bool operator >=(ComponentVersion? left, ComponentVersion? right) => Compare(left, right) >= 0;

        /// <inheritdoc />
        public override string ToString() => Text;

        private static int Compare(ComponentVersion? left, ComponentVersion? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
    }
}
