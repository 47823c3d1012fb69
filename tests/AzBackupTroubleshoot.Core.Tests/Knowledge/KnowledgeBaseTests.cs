using System;
using System.IO;
using System.Linq;
using System.Text;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Knowledge;

namespace AzBackupTroubleshoot.Core.Tests.Knowledge
{
    public class KnowledgeBaseTests
    {
        // The seed article (2017): five headings, each with its causes in this order.
        public static readonly TheoryData<string, string, string, string[]> SeedHeadings = new TheoryData<string, string, string, string[]>
        {
            {
                "UserErrorGuestAgentStatusUnavailable",
                "VM Agent unable to communicate with Azure Backup",
                "Agente de máquina virtual no se puede toocommunicate con copia de seguridad de Azure",
                new[] { "NoInternetAccess", "WindowsAgentUnresponsive", "LinuxAgentOutOfDate", "SnapshotStatusUnavailable", "BackupExtensionFailsToLoad" }
            },
            {
                "ExtensionSnapshotFailedNoNetwork",
                "Snapshot operation failed due to no network connectivity on the virtual machine",
                "Error en la operación de instantánea debido toono conectividad de red en la máquina virtual de Hola",
                new[] { "NoInternetAccess", "SnapshotStatusUnavailable", "BackupExtensionFailsToLoad" }
            },
            {
                "ExtensionOperationFailedForManagedDisks",
                "VMSnapshot extension operation failed",
                "Error en la operación de extensión de VMSnapshot",
                new[] { "SnapshotStatusUnavailable", "BackupExtensionFailsToLoad", "NoInternetAccess", "WindowsAgentUnresponsive", "LinuxAgentOutOfDate" }
            },
            {
                "GuestAgentSnapshotTaskStatusError",
                "Unable to perform the operation as the VM Agent is not responsive",
                "Operación de hello tooperform no se puede como Hola agente de máquina virtual no está respondiendo",
                new[] { "WindowsAgentUnresponsive", "LinuxAgentOutOfDate", "NoInternetAccess" }
            },
            {
                "BackUpOperationFailed",
                "Backup failed with an internal error - Please retry the operation in a few minutes",
                "Error de copia de seguridad a un error interno: vuelva a intentar la operación de hello en unos minutos",
                new[] { "NoInternetAccess", "WindowsAgentUnresponsive", "LinuxAgentOutOfDate", "SnapshotStatusUnavailable", "BackupExtensionFailsToLoad" }
            },
        };

        private static KnowledgeBase Kb => KnowledgeBase.Default;

        [Theory]
        [MemberData(nameof(SeedHeadings))]
        public void ErrorCode_gives_the_seed_causes_in_the_seed_order(string code, string english, string spanish, string[] seedCauses)
        {
            _ = english;
            _ = spanish;
            var heading = Kb.FindByErrorCode(code);
            Assert.NotNull(heading);
            var causes = Kb.CausesOf(heading!, "ErrorCode");
            Assert.Equal(seedCauses, causes.Take(seedCauses.Length).Select(c => c.CauseId).ToArray());
            Assert.Equal(Enumerable.Range(1, causes.Count), causes.Select(c => c.Order));
            Assert.All(causes.Take(seedCauses.Length), c => Assert.Equal("seed", c.Source));
            Assert.All(causes, c => Assert.NotEmpty(c.Solution));
        }

        [Theory]
        [MemberData(nameof(SeedHeadings))]
        public void English_and_Spanish_messages_find_the_same_heading_as_the_code(string code, string english, string spanish, string[] seedCauses)
        {
            _ = seedCauses;
            var expected = Kb.FindByErrorCode(code)!.Id;
            Assert.Equal(expected, Kb.FindByMessage(english)?.Heading.Id);
            Assert.Equal(expected, Kb.FindByMessage(spanish)?.Heading.Id);
            Assert.Equal(expected, Kb.FindByMessage("  " + english.ToUpperInvariant().Replace(" ", "   ") + "  ")?.Heading.Id);
            Assert.Equal(expected, Kb.FindByMessage($"Backup job failed. Error: {english}. Please see the documentation for more details.")?.Heading.Id);
        }

        [Theory]
        [InlineData("ExtentionOperationFailed")]
        [InlineData("ExtentionOperationFailedForManagedDisks")]
        [InlineData("extensionoperationfailedformanageddisks")]
        [InlineData(" BackUpOperationFailedV2 ")]
        public void Historical_spellings_and_case_find_their_heading(string code)
        {
            Assert.NotNull(Kb.FindByErrorCode(code));
        }

        [Fact]
        public void Later_causes_follow_the_seed_causes()
        {
            var agent = Kb.CausesOf(Kb.FindByErrorCode("GuestAgentSnapshotTaskStatusError")!, "ErrorCode");
            Assert.Equal(new[] { "LinuxAgentConfiguration", "ApplicationControlBlocksExtension" }, agent.Skip(3).Select(c => c.CauseId).ToArray());
            Assert.Equal(Cause.AgentMisconfigured, agent[3].Cause);
            var internalError = Kb.CausesOf(Kb.FindByErrorCode("BackUpOperationFailed")!, "ErrorCode");
            Assert.Equal("ResourceGroupLock", internalError[5].CauseId);
            Assert.Equal(Cause.ResourceGroupLocked, internalError[5].Cause);
        }

        [Fact]
        public void The_later_message_of_the_agent_heading_is_known()
        {
            Assert.Equal("AgentNotResponsive", Kb.FindByMessage("Could not communicate with the VM agent for snapshot status")?.Heading.Id);
        }

        [Fact]
        public void The_seed_english_with_translation_artefacts_matches()
        {
            Assert.Equal("GuestAgentStatusUnavailable", Kb.FindByMessage("VM Agent unable toocommunicate with Azure Backup")?.Heading.Id);
            Assert.Equal("SnapshotFailedNoNetwork", Kb.FindByMessage("Snapshot operation failed due toono network connectivity on hello virtual machine")?.Heading.Id);
        }

        [Theory]
        [InlineData("The disk is full")]
        [InlineData("Snapshot operation failed")]
        [InlineData("")]
        public void Unrelated_or_too_short_messages_do_not_match(string message)
        {
            Assert.Null(Kb.FindByMessage(message));
        }

        [Fact]
        public void Unknown_codes_name_the_closest_known_codes()
        {
            Assert.Null(Kb.FindByErrorCode("UserErrorGuestAgentStatusUnavailabel"));
            Assert.Equal("UserErrorGuestAgentStatusUnavailable", Kb.ClosestErrorCodes("UserErrorGuestAgentStatusUnavailabel")[0]);
            Assert.Equal(3, Kb.ClosestErrorCodes("x").Count);
        }

        [Fact]
        public void Every_check_and_repair_named_by_a_step_exists()
        {
            foreach (var step in Kb.Causes.SelectMany(c => c.Steps))
            {
                Assert.All(step.CheckIds, id => Assert.NotNull(CheckCatalog.Find(id)));
                if (step.Repair != null)
                {
                    Assert.Matches("^[A-Z][a-z]+-Az[A-Za-z]+( |$)|^Test-AzBackupAgentHealth \\| Repair-AzBackupAgent$", step.Repair);
                }
            }
        }

        [Fact]
        public void Each_cause_reports_the_union_of_its_steps_checks_and_its_first_repair()
        {
            var linux = Kb.CausesOf(Kb.FindByErrorCode("UserErrorGuestAgentStatusUnavailable")!, "ErrorCode").Single(c => c.CauseId == "LinuxAgentOutOfDate");
            Assert.Contains("Linux.AgentVersion", linux.CheckIds);
            Assert.Contains("Linux.AgentProcess", linux.CheckIds);
            Assert.Equal("Repair-AzBackupAgent -Update", linux.Repair);
            Assert.Equal(linux.CheckIds.Distinct().Count(), linux.CheckIds.Count);
        }

        [Fact]
        public void Every_error_code_belongs_to_one_heading()
        {
            var codes = Kb.ErrorCodes.ToList();
            Assert.Equal(codes.Count, codes.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.Equal(5, Kb.Headings.Count(h => h.Source == "seed"));
        }

        [Theory]
        [InlineData("{", "not valid JSON")]
        [InlineData("{\"causes\":[],\"headings\":[{\"id\":\"H\",\"title\":\"t\",\"source\":\"s\",\"errorCodes\":[],\"messages\":[],\"messagesEs\":[],\"causes\":[\"Nope\"]}]}", "names cause 'Nope'")]
        [InlineData("{\"causes\":[{\"id\":\"C\",\"cause\":\"Bogus\",\"title\":\"t\",\"source\":\"s\",\"description\":\"d\",\"steps\":[]}],\"headings\":[]}", "'Bogus' is not a Cause")]
        [InlineData("{\"causes\":[{\"id\":\"C\",\"cause\":\"AgentOutOfDate\",\"title\":\"t\",\"source\":\"s\",\"description\":\"d\",\"steps\":[{\"text\":\"x\",\"checks\":[\"No.Such\"]}]}],\"headings\":[]}", "check 'No.Such'")]
        [InlineData("{\"headings\":[]}", "'causes' must be an array")]
        public void Malformed_knowledge_is_rejected_with_a_reason(string json, string expected)
        {
            var ex = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBase.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
            Assert.Contains(expected, ex.Message);
        }
    }
}
