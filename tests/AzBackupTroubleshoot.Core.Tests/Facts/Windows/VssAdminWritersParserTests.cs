using AzBackupTroubleshoot.Core.Facts.Windows;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Windows
{
    public class VssAdminWritersParserTests
    {
        // The shape of vssadmin 1.1 output on Windows Server 2019 (English), CRLF line endings.
        internal const string Real =
            "vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\r\n" +
            "(C) Copyright 2001-2013 Microsoft Corp.\r\n\r\n" +
            "Writer name: 'Task Scheduler Writer'\r\n" +
            "   Writer Id: {d61d61c8-d73a-4eee-8cdd-f6f9786b7124}\r\n" +
            "   Writer Instance Id: {1bddd48e-5052-49db-9b07-b96f96727e6b}\r\n" +
            "   State: [1] Stable\r\n" +
            "   Last error: No error\r\n\r\n" +
            "Writer name: 'SqlServerWriter'\r\n" +
            "   Writer Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}\r\n" +
            "   Writer Instance Id: {9075f235-e2e8-4e4b-a5bb-1ab8a3e3c6d2}\r\n" +
            "   State: [8] Failed\r\n" +
            "   Last error: Non-retryable error\r\n\r\n" +
            "Writer name: 'Microsoft Hyper-V VSS Writer'\r\n" +
            "   Writer Id: {66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}\r\n" +
            "   Writer Instance Id: {6a7e1e3b-7e2c-4c1b-9a49-2d0d7a9b8f51}\r\n" +
            "   State: [5] Waiting for completion\r\n" +
            "   Last error: No error\r\n\r\n";

        [Fact]
        public void Reads_names_ids_states_and_last_errors()
        {
            var writers = VssAdminWritersParser.Parse(Real);
            Assert.Equal(new[] { "Task Scheduler Writer", "SqlServerWriter", "Microsoft Hyper-V VSS Writer" }, writers.Select(w => w.Name));
            Assert.Equal("{a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}", writers[1].WriterId);
            Assert.Equal((1, "Stable", "No error", true, false, false), (writers[0].StateCode, writers[0].StateText, writers[0].LastError, writers[0].IsStable, writers[0].IsFailed, writers[0].HasError));
            Assert.Equal((8, "Failed", true, true), (writers[1].StateCode, writers[1].StateText, writers[1].IsFailed, writers[1].HasError));
            Assert.Equal((5, false, false), (writers[2].StateCode, writers[2].IsStable, writers[2].IsFailed));
            Assert.Equal("'SqlServerWriter': State [8] Failed, Last error: Non-retryable error", writers[1].Describe());
        }

        [Fact]
        public void Tolerates_LF_endings_tabs_extra_fields_and_a_missing_last_error()
        {
            var text = "Writer name: 'WMI Writer'\n\tWriter Id: {a6ad56c2-b509-4e6c-bb19-49d8f43532f0}\n\tState: [9] Failed\n\tExtra: something new\n\n\nWriter name: \"ASR Writer\"\n   State: [1] Stable\n";
            var writers = VssAdminWritersParser.Parse(text);
            Assert.Equal(2, writers.Count);
            Assert.Equal(("WMI Writer", 9, string.Empty), (writers[0].Name, writers[0].StateCode, writers[0].LastError));
            Assert.True(writers[0].IsFailed);
            Assert.Equal("ASR Writer", writers[1].Name);
        }

        [Theory]
        [InlineData("Error: You don't have the correct permissions to run this command.", "no 'Writer name:' line", "You don't have")]
        [InlineData("Nom de l'enregistreur : 'Task Scheduler Writer'\r\n   État : [1] Stable", "is the output in English?", "Nom de")]
        [InlineData("", "no 'Writer name:' line", "(empty)")]
        [InlineData("Writer name: 'System Writer'\r\n   Last error: No error\r\n", "writer 'System Writer' (line 1) has no 'State:' line", "")]
        [InlineData("Writer name: 'System Writer'\r\n   State: Stable\r\n", "has State 'Stable', not '[number] text'", "")]
        [InlineData("Writer name: ''\r\n   State: [1] Stable\r\n", "line 1: 'Writer name:' has no name", "")]
        public void Unreadable_output_is_refused_naming_what_is_wrong(string text, string expected, string quoted)
        {
            var ex = Assert.Throws<InvalidDataException>(() => VssAdminWritersParser.Parse(text));
            Assert.Contains(expected, ex.Message);
            Assert.Contains(quoted, ex.Message);
        }

        [Fact]
        public void More_writers_than_the_cap_are_refused_not_cut()
        {
            var text = string.Concat(Enumerable.Range(0, VssAdminWritersParser.MaxWriters + 1).Select(i => $"Writer name: 'W{i}'\r\n   State: [1] Stable\r\n"));
            Assert.Contains("refused rather than cut", Assert.Throws<InvalidDataException>(() => VssAdminWritersParser.Parse(text)).Message);
        }
    }
}
