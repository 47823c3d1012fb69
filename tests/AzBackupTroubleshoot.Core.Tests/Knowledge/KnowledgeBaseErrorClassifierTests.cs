using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Azure;
using AzBackupTroubleshoot.Core.Knowledge;

namespace AzBackupTroubleshoot.Core.Tests.Knowledge
{
    /// <summary>Job errors as Resource Manager returns them: an integer errorCode, errorTitle and errorString.</summary>
    public class KnowledgeBaseErrorClassifierTests
    {
        private static readonly KnowledgeBaseErrorClassifier Classifier = new KnowledgeBaseErrorClassifier();

        [Fact]
        public void A_code_named_in_the_title_decides_over_the_message()
        {
            var result = Classifier.Classify(new BackupJobError(400001, "UserErrorBackupOperationInProgress", "Some localized text", null));
            Assert.Equal("UserErrorBackupOperationInProgress", result?.ErrorCode);
            Assert.Equal(Cause.OperationInProgress, result!.Cause);
            Assert.Contains("errorTitle", result.MatchedBy);
        }

        [Fact]
        public void The_documented_numeric_code_maps_when_no_code_is_named()
        {
            var result = Classifier.Classify(new BackupJobError(380008, null, "Texto sin código", null));
            Assert.Equal("AzureVmOffline", result?.ErrorCode);
            Assert.Equal("numeric errorCode 380008", result!.MatchedBy);
        }

        [Theory]
        [InlineData("The configured disk size(s) is currently not supported by Azure Backup.", "UserErrorUnsupportedDiskSize")]
        [InlineData("Snapshot operation failed as snapshot limit is exceeded for some of the disks attached", "ExtensionFailedSnapshotLimitReachedError")]
        [InlineData("Backup no tiene suficientes permisos para el almacén de claves y no se puede realizar la copia de seguridad de las máquinas virtuales cifradas.", "UserErrorKeyvaultPermissionsNotConfigured")]
        public void The_message_text_identifies_the_error_whatever_the_numeric_code(string errorString, string expected)
        {
            var result = Classifier.Classify(new BackupJobError(400999, string.Empty, errorString, null));
            Assert.Equal(expected, result?.ErrorCode);
            Assert.StartsWith("message text", result!.MatchedBy);
            Assert.Contains("Get-AzBackupFailureCause -ErrorCode " + expected, result.Remediation);
        }

        [Fact]
        public void An_error_nothing_identifies_is_not_classified()
        {
            // A numeric code the articles do not document and a message no heading has: no guess.
            Assert.Null(Classifier.Classify(new BackupJobError(400038, "", "Simulated error text that matches no known cause.", null)));
        }
    }
}
