namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// An unsigned 128-bit number as two 64-bit halves (netstandard2.0 has no UInt128). IPv4 addresses live in the low 32 bits.
    /// </summary>
    internal readonly struct Address128 : IComparable<Address128>, IEquatable<Address128>
    {
        public Address128(ulong high, ulong low)
        {
            High = high;
            Low = low;
        }

        public ulong High { get; }

        public ulong Low { get; }

        public bool IsZero => High == 0 && Low == 0;

        public static bool operator <(Address128 a, Address128 b) => a.CompareTo(b) < 0;

        public static bool operator >(Address128 a, Address128 b) => a.CompareTo(b) > 0;

        public static bool operator <=(Address128 a, Address128 b) => a.CompareTo(b) <= 0;

        public static bool operator >=(Address128 a, Address128 b) => a.CompareTo(b) >= 0;

        public static bool operator ==(Address128 a, Address128 b) => a.Equals(b);

        public static bool operator !=(Address128 a, Address128 b) => !a.Equals(b);

        /// <summary>The mask of the low <paramref name="bits"/> bits (0..128).</summary>
        public static Address128 LowMask(int bits)
        {
            if (bits <= 0)
            {
                return default;
            }

            if (bits >= 128)
            {
                return new Address128(ulong.MaxValue, ulong.MaxValue);
            }

            return bits >= 64
                ? new Address128(bits == 64 ? 0UL : ulong.MaxValue >> (128 - bits), ulong.MaxValue)
                : new Address128(0UL, (1UL << bits) - 1UL);
        }

        /// <summary>2 to the power <paramref name="bits"/> (0..127).</summary>
        public static Address128 PowerOfTwo(int bits) =>
            bits >= 64 ? new Address128(1UL << (bits - 64), 0UL) : new Address128(0UL, 1UL << bits);

        public Address128 And(Address128 other) => new Address128(High & other.High, Low & other.Low);

        public Address128 Or(Address128 other) => new Address128(High | other.High, Low | other.Low);

        public Address128 Not() => new Address128(~High, ~Low);

        /// <summary>The sum, wrapping at 2^128; <paramref name="overflow"/> tells when it wrapped.</summary>
        public Address128 Add(Address128 other, out bool overflow)
        {
            var low = Low + other.Low;
            var carry = low < Low ? 1UL : 0UL;
            var high = High + other.High;
            overflow = high < High;
            var withCarry = high + carry;
            overflow |= withCarry < high;
            return new Address128(withCarry, low);
        }

        /// <summary>The difference, assuming this is at least <paramref name="other"/>.</summary>
        public Address128 Subtract(Address128 other)
        {
            var low = Low - other.Low;
            var borrow = Low < other.Low ? 1UL : 0UL;
            return new Address128(High - other.High - borrow, low);
        }

        /// <summary>The number of trailing zero bits (128 for zero).</summary>
        public int TrailingZeroCount() => Low != 0 ? TrailingZeros(Low) : High != 0 ? 64 + TrailingZeros(High) : 128;

        /// <summary>The index of the highest set bit (-1 for zero), i.e. floor(log2(value)).</summary>
        public int HighestBit() => High != 0 ? 64 + HighestBit(High) : Low != 0 ? HighestBit(Low) : -1;

        public int CompareTo(Address128 other) =>
            High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

        public bool Equals(Address128 other) => High == other.High && Low == other.Low;

        public override bool Equals(object? obj) => obj is Address128 other && Equals(other);

        public override int GetHashCode() => (High.GetHashCode() * 397) ^ Low.GetHashCode();

        public override string ToString() => $"{High:x16}{Low:x16}";

        private static int TrailingZeros(ulong value)
        {
            var count = 0;
            if ((value & 0xFFFFFFFFUL) == 0)
            {
                count += 32;
                value >>= 32;
            }

            if ((value & 0xFFFFUL) == 0)
            {
                count += 16;
                value >>= 16;
            }

            if ((value & 0xFFUL) == 0)
            {
                count += 8;
                value >>= 8;
            }

            while ((value & 1UL) == 0)
            {
                count++;
                value >>= 1;
            }

            return count;
        }

        private static int HighestBit(ulong value)
        {
            var bit = 0;
            if (value >> 32 != 0)
            {
                bit += 32;
                value >>= 32;
            }

            if (value >> 16 != 0)
            {
                bit += 16;
                value >>= 16;
            }

            if (value >> 8 != 0)
            {
                bit += 8;
                value >>= 8;
            }

            while (value > 1)
            {
                bit++;
                value >>= 1;
            }

            return bit;
        }
    }
}
