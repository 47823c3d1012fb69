using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class ExtensionErrorCodesTests
    {
        [Theory]
        [InlineData(76, "FailedRetryableSnapshotFailedNoNetwork", Cause.NoNetworkAccess)]
        [InlineData(761, "FailedRetryableSnapshotFailedRestrictedNetwork", Cause.NoNetworkAccess)]
        [InlineData(15, "error_http_failure", Cause.NoNetworkAccess)]
        [InlineData(85, "FailedSnapshotLimitReached", Cause.SnapshotNotTaken)]
        [InlineData(173, "FailedRetryableSnapshotRateExceeded", Cause.SnapshotNotTaken)]
        [InlineData(121, "FailedRetryableFsFreezeFailed", Cause.SnapshotNotTaken)]
        [InlineData(122, "FailedRetryableFsFreezeTimeout", Cause.SnapshotNotTaken)]
        [InlineData(123, "FailedRetryableUnableToOpenMount", Cause.SnapshotNotTaken)]
        [InlineData(300, "FailedPrepostPreScriptFailed", Cause.SnapshotNotTaken)]
        [InlineData(318, "FailedPrepostPluginConfigOwnershipError", Cause.SnapshotNotTaken)]
        [InlineData(402, "FailedGuestAgentInvokedCommandTooLate", Cause.AgentNotResponsive)]
        [InlineData(511, "FailedWorkloadDatabaseInNoArchiveLog", Cause.SnapshotNotTaken)]
        [InlineData(2, "error", Cause.ExtensionNotLoaded)]
        public void Codes_MapToTheExtensionsNamesAndACause(int code, string name, Cause cause)
        {
            var known = ExtensionErrorCodes.Find(code)!;
            Assert.Equal(name, known.Name);
            Assert.Equal(cause, known.Cause);
            Assert.False(known.IsSuccess);
            Assert.False(string.IsNullOrWhiteSpace(known.Meaning));
            Assert.False(string.IsNullOrWhiteSpace(known.Remediation));
        }

        [Fact]
        public void SuccessCodes_AndUnknownCodes()
        {
            Assert.True(ExtensionErrorCodes.Find(0)!.IsSuccess);
            Assert.True(ExtensionErrorCodes.Find(1)!.IsSuccess);
            Assert.True(ExtensionErrorCodes.Find(3)!.IsSuccess);
            Assert.Null(ExtensionErrorCodes.Find(999));
            // Every member of ExtensionErrorCodeEnum (azure-linux-extensions VMBackup/main/ExtensionErrorCodeHelper.py): 11 below 20, 76, 85, 173, 761, 121-123, 300-318, 402, 500-511.
            Assert.Equal(50, ExtensionErrorCodes.All.Count());
        }
    }
}
