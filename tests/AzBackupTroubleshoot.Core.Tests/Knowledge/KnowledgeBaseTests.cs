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
        public void SeedOrder_gives_back_the_2017_order(string code, string english, string spanish, string[] seedCauses)
        {
            _ = english;
            _ = spanish;
            var heading = Kb.FindByErrorCode(code);
            Assert.NotNull(heading);
            var causes = Kb.CausesOf(heading!, "ErrorCode");
            Assert.Equal(seedCauses, causes.Where(c => c.SeedOrder.HasValue).OrderBy(c => c.SeedOrder).Select(c => c.CauseId).ToArray());
            Assert.Equal(Enumerable.Range(1, causes.Count), causes.Select(c => c.Order));
            Assert.All(causes.Where(c => !c.InCurrentArticle), c => Assert.Equal(CauseSources.Seed, c.Source));
            Assert.All(causes, c => Assert.NotEmpty(c.Solution));
        }

        // The current article (ms.date 11/12/2025, see Knowledge/SOURCES.md): each heading's causes in its order.
        [Theory]
        [InlineData("UserErrorGuestAgentStatusUnavailable", "WindowsAgentUnresponsive,LinuxAgentOutOfDate,ExtensionProvisioningFailed")]
        [InlineData("GuestAgentSnapshotTaskStatusError", "WindowsAgentUnresponsive,LinuxAgentOutOfDate,SnapshotStatusUnavailable,LinuxAgentConfiguration,ApplicationControlBlocksExtension")]
        [InlineData("ExtensionSnapshotFailedNoNetwork", "SnapshotStatusUnavailable")]
        [InlineData("ExtensionOperationFailedForManagedDisks", "SnapshotStatusUnavailable,WindowsAgentUnresponsive,LinuxAgentOutOfDate")]
        [InlineData("BackUpOperationFailedV2", "WindowsAgentUnresponsive,LinuxAgentOutOfDate,SnapshotStatusUnavailable,ResourceGroupLock,ExtensionBinaryMismatch,EnhancedPolicyMigration")]
        [InlineData("UserErrorRpCollectionLimitReached", "ResourceGroupLock,RestorePointsPerDay,RestorePointCountLimit")]
        [InlineData("VmNotInDesirableState", "VmFailedOrTransientState,SelinuxBlocksAgent,VmAgentNotPresent")]
        public void Current_causes_come_first_in_the_current_order(string code, string expected)
        {
            var causes = Kb.CausesOf(Kb.FindByErrorCode(code)!, "ErrorCode");
            var current = causes.TakeWhile(c => c.InCurrentArticle).ToList();
            Assert.Equal(expected.Split(','), current.Select(c => c.CauseId).ToArray());
            Assert.Equal(Enumerable.Range(1, current.Count).Select(i => (int?)i), current.Select(c => c.CurrentOrder));
            Assert.All(causes.Skip(current.Count), c => Assert.False(c.InCurrentArticle));
        }

        [Fact]
        public void The_companion_cause_of_BackUpOperationFailedV2_says_where_it_comes_from()
        {
            var causes = Kb.CausesOf(Kb.FindByErrorCode("BackUpOperationFailedV2")!, "ErrorCode");
            Assert.Equal(CauseSources.Companion, causes.Single(c => c.CauseId == "EnhancedPolicyMigration").Source);
            Assert.Equal(CauseSources.Current, causes.Single(c => c.CauseId == "ResourceGroupLock").Source);
            Assert.Null(causes.Single(c => c.CauseId == "ResourceGroupLock").SeedOrder);
            Assert.Equal(1, causes.Single(c => c.CauseId == "NoInternetAccess").SeedOrder);
        }

        [Fact]
        public void Every_heading_matches_itself_by_its_English_messages()
        {
            foreach (var heading in Kb.Headings)
            {
                foreach (var english in heading.Messages.DefaultIfEmpty(heading.Title))
                {
                    Assert.True(Kb.FindByMessage(english)?.Heading.Id == heading.Id, $"'{english}' does not find {heading.Id} but {Kb.FindByMessage(english)?.Heading.Id}");
                }
            }
        }

        [Fact]
        public void Every_Spanish_message_finds_a_heading_with_that_message()
        {
            foreach (var heading in Kb.Headings)
            {
                foreach (var spanish in heading.MessagesEs)
                {
                    Assert.Contains(spanish, Kb.FindByMessage(spanish)!.Heading.MessagesEs);
                }

                Assert.False(string.IsNullOrWhiteSpace(heading.SpanishSource));
            }
        }

        [Fact]
        public void A_documented_numeric_job_code_finds_its_heading()
        {
            Assert.Equal("AzureVmOffline", Kb.FindByNumericCode(380008)?.Id);
            Assert.Equal("AzureVmOffline", Kb.FindByErrorCode(" 380008 ")?.Id);
            Assert.Null(Kb.FindByErrorCode("400012"));
            Assert.Null(Kb.FindByNumericCode(400038));
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
        public void Causes_only_the_2017_article_gives_follow_the_current_ones()
        {
            var agent = Kb.CausesOf(Kb.FindByErrorCode("GuestAgentSnapshotTaskStatusError")!, "ErrorCode");
            Assert.Equal("NoInternetAccess", agent[5].CauseId);
            Assert.Equal(3, agent[5].SeedOrder);
            Assert.Null(agent[5].CurrentOrder);
            Assert.Equal(Cause.AgentMisconfigured, agent[3].Cause);
            var internalError = Kb.CausesOf(Kb.FindByErrorCode("BackUpOperationFailed")!, "ErrorCode");
            Assert.Equal("ResourceGroupLock", internalError[3].CauseId);
            Assert.Equal(Cause.ResourceGroupLocked, internalError[3].Cause);
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
            Assert.Equal(5, Kb.Headings.Count(h => h.InSeedArticle));
        }

        [Theory]
        [InlineData("{", "not valid JSON")]
        [InlineData("{\"causes\":[],\"headings\":[{\"id\":\"H\",\"title\":\"t\",\"article\":\"current article\",\"errorCodes\":[],\"messages\":[],\"messagesEs\":[],\"spanishSource\":\"none\",\"causes\":[\"Nope\"]}]}", "names cause 'Nope'")]
        [InlineData("{\"causes\":[],\"headings\":[{\"id\":\"H\",\"title\":\"t\",\"article\":\"blog\",\"errorCodes\":[],\"messages\":[],\"messagesEs\":[],\"spanishSource\":\"none\",\"causes\":[]}]}", "article 'blog'")]
        [InlineData("{\"causes\":[{\"id\":\"C\",\"cause\":\"Bogus\",\"title\":\"t\",\"source\":\"current article\",\"description\":\"d\",\"steps\":[]}],\"headings\":[]}", "'Bogus' is not a Cause")]
        [InlineData("{\"causes\":[{\"id\":\"C\",\"cause\":\"AgentOutOfDate\",\"title\":\"t\",\"source\":\"a blog\",\"description\":\"d\",\"steps\":[]}],\"headings\":[]}", "source 'a blog'")]
        [InlineData("{\"causes\":[{\"id\":\"C\",\"cause\":\"AgentOutOfDate\",\"title\":\"t\",\"source\":\"current article\",\"description\":\"d\",\"steps\":[{\"text\":\"x\",\"checks\":[\"No.Such\"]}]}],\"headings\":[]}", "check 'No.Such'")]
        [InlineData("{\"causes\":[{\"id\":\"C\",\"cause\":\"AgentOutOfDate\",\"title\":\"t\",\"source\":\"current article\",\"description\":\"d\",\"steps\":[]}],\"headings\":[{\"id\":\"H\",\"title\":\"t\",\"article\":\"current article\",\"errorCodes\":[],\"messages\":[],\"messagesEs\":[],\"spanishSource\":\"none\",\"causes\":[\"C\",\"C\"]}]}", "lists a cause twice")]
        [InlineData("{\"headings\":[]}", "'causes' must be an array")]
        public void Malformed_knowledge_is_rejected_with_a_reason(string json, string expected)
        {
            var ex = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBase.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
            Assert.Contains(expected, ex.Message);
        }
    }
}
