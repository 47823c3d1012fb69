using AzBackupTroubleshoot.Core.Cim;

namespace AzBackupTroubleshoot.Core.Tests.Cim
{
    public class CimValueTests
    {
        [Fact]
        public void Integers_of_every_CIM_width_and_JSON_longs_read_the_same()
        {
            Assert.Equal(90L, CimValue.ToInt64((ushort)90));
            Assert.Equal(4000000000L, CimValue.ToInt64(4000000000u));
            Assert.Equal(90L, CimValue.ToInt64(90L));
            Assert.Equal(90L, CimValue.ToInt64("90"));
            Assert.Null(CimValue.ToInt64(ulong.MaxValue));
            Assert.Equal(ulong.MaxValue, CimValue.ToUInt64(ulong.MaxValue));
            Assert.Null(CimValue.ToInt64("ninety"));
            Assert.Null(CimValue.ToInt64(null));
        }

        [Fact]
        public void Dates_read_from_DateTime_ISO_and_DMTF_text_as_the_same_instant()
        {
            var expected = new DateTimeOffset(2025, 11, 18, 22, 14, 5, TimeSpan.Zero);
            Assert.Equal(expected, CimValue.ToDateTime(new DateTime(2025, 11, 18, 22, 14, 5, DateTimeKind.Utc)));
            Assert.Equal(expected, CimValue.ToDateTime("2025-11-18T22:14:05Z"));
            Assert.Equal(expected, CimValue.ToDateTime("20251118231405.000000+060"));
            Assert.Equal(expected, CimValue.ToDateTime("20251118171405.000000-300"));
            Assert.Null(CimValue.ToDateTime("20251118231405.000000+999"));
            Assert.Null(CimValue.ToDateTime("yesterday"));
        }

        [Fact]
        public void Dmtf_formatting_round_trips()
        {
            var when = new DateTimeOffset(2025, 11, 13, 9, 30, 0, TimeSpan.Zero);
            Assert.Equal("20251113093000.000000+000", CimValue.ToDmtf(when));
            Assert.Equal(when, CimValue.ToDateTime(CimValue.ToDmtf(when)));
        }

        [Fact]
        public void Arrays_and_booleans_convert()
        {
            Assert.Equal(new[] { "10.0.0.4", "fe80::1" }, CimValue.ToStringArray(new[] { "10.0.0.4", "fe80::1" }));
            Assert.Equal(new[] { "x" }, CimValue.ToStringArray("x"));
            Assert.Equal(new long[] { 1, 4 }, CimValue.ToInt64Array(new[] { 1, 4 }));
            Assert.True(CimValue.ToBoolean(true));
            Assert.True(CimValue.ToBoolean("True"));
            Assert.False(CimValue.ToBoolean(0L));
            Assert.Null(CimValue.ToBoolean(null));
        }
    }
}
