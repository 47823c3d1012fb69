using System.Management.Automation;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Gets the article's ordered causes and solutions for a backup error code or message.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AzBackupFailureCause")]
    [OutputType(typeof(FailureCause))]
    public sealed class GetAzBackupFailureCauseCommand : CancellableCmdlet
    {
        private KnowledgeBase? _knowledge;

        /// <summary>The error code of the failed backup job, for example UserErrorGuestAgentStatusUnavailable.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ErrorCode { get; set; }

        /// <summary>The error message, in English or Spanish, alone or inside a longer pasted text.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ErrorMessage")]
        [ValidateNotNullOrEmpty]
        public string? Message { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            try
            {
                _knowledge = KnowledgeBase.Default;
            }
            catch (KnowledgeBaseException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.KnowledgeBaseInvalid, ErrorCategory.InvalidData, null, ex.Message, ex));
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var knowledge = _knowledge!;
            foreach (var (name, value) in new[] { (nameof(ErrorCode), ErrorCode), (nameof(Message), Message) })
            {
                if (MessageMatcher.HasLoneSurrogate(value))
                {
                    // Not text: one error for this item, and the pipeline goes on with the next.
                    WriteError(ErrorRecords.Create(
                        ErrorIds.InvalidMessageText,
                        ErrorCategory.InvalidArgument,
                        value,
                        $"The {name} is not valid Unicode text: it holds a lone surrogate (half of a character), so it cannot be matched.",
                        recommendedAction: "Copy the error code or message again from the backup job, or type it."));
                    return;
                }
            }

            if (ErrorCode is null && Message is null)
            {
                foreach (var heading in knowledge.Headings)
                {
                    WriteObject(knowledge.CausesOf(heading, "All"), enumerateCollection: true);
                }

                return;
            }

            if (ErrorCode != null)
            {
                var heading = knowledge.FindByErrorCode(ErrorCode);
                if (heading != null)
                {
                    WriteVerbose($"Error code '{ErrorCode}' belongs to the heading '{heading.Title}'.");
                    WriteObject(knowledge.CausesOf(heading, "ErrorCode"), enumerateCollection: true);
                    return;
                }

                WriteVerbose($"Error code '{ErrorCode}' is not in the knowledge base.");

                // A job's numeric code, or a code the article does not list: fall back to the message if there is one.
                if (Message is null || TryMessage(knowledge, Message))
                {
                    if (Message is null)
                    {
                        var closest = string.Join(", ", knowledge.ClosestErrorCodes(ErrorCode));
                        WriteError(ErrorRecords.Create(
                            ErrorIds.UnknownFailure,
                            ErrorCategory.ObjectNotFound,
                            ErrorCode,
                            $"No known backup failure has the error code '{ErrorCode}'. Closest known codes: {closest}.",
                            recommendedAction: "Check the code's spelling, or pass the job's error message with -Message."));
                    }

                    return;
                }

                WriteUnknownMessage(knowledge, Message, ErrorCode);
                return;
            }

            if (!TryMessage(knowledge, Message!))
            {
                WriteUnknownMessage(knowledge, Message!, Message!);
            }
        }

        private bool TryMessage(KnowledgeBase knowledge, string message)
        {
            var match = knowledge.FindByMessage(message);
            if (match is null)
            {
                return false;
            }

            WriteVerbose($"The message matches '{match.MatchedText}' ({match.Score:P0} of its words) under the heading '{match.Heading.Title}'.");
            WriteObject(knowledge.CausesOf(match.Heading, "Message"), enumerateCollection: true);
            return true;
        }

        private void WriteUnknownMessage(KnowledgeBase knowledge, string message, object target)
        {
            var closest = knowledge.ClosestHeadings(message);
            var codes = string.Join(", ", closest.Select(h => h.ErrorCodes.First()));
            var titles = string.Join("; ", closest.Select(h => $"'{h.Title}'"));
            WriteError(ErrorRecords.Create(
                ErrorIds.UnknownFailure,
                ErrorCategory.ObjectNotFound,
                target,
                $"No known backup failure matches the message '{Shorten(message)}'. Closest known codes: {codes} ({titles}).",
                recommendedAction: "Pass the job's error code with -ErrorCode, or run Get-AzBackupFailureCause with no parameter to list every known failure."));
        }

        private static string Shorten(string text) => text.Length <= 120 ? text : text.Substring(0, 117) + "...";
    }
}
