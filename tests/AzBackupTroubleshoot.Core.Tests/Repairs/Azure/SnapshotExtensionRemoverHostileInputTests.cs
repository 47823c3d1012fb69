using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Azure;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Core.Tests.Arm;
using Microsoft.AspNetCore.Http;

namespace AzBackupTroubleshoot.Core.Tests.Repairs.Azure
{
    /// <summary>Hostile ARM answers to the uninstall: nothing is deleted, and the failure is an ArmRequestException for that VM.</summary>
    [Trait("Category", "Hostile input")]
    public class SnapshotExtensionRemoverHostileInputTests
    {
        private const string Sub = "00000000-0000-0000-0000-0000000000f6";

        private static Task Json(HttpContext context, int status, string body)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(body);
        }

        private static async Task<(ArmRequestException Error, LoopbackStub Stub)> FindAsync(string vmBody, string listBody)
        {
            var stub = await LoopbackStub.StartAsync((context, n) =>
            {
                var path = context.Request.Path.Value ?? string.Empty;
                if (path.EndsWith("/virtualMachines/vm1", StringComparison.Ordinal))
                {
                    return Json(context, 200, vmBody);
                }

                return path.EndsWith("/extensions", StringComparison.Ordinal)
                    ? Json(context, 200, listBody)
                    : Json(context, 404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no\"}}");
            });
            using var client = new ArmClient(new ArmClientOptions(stub.BaseUri) { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero }, new FixedTokenProvider("token-abc"));
            var remover = new SnapshotExtensionRemover(client);
            var ex = await Assert.ThrowsAsync<ArmRequestException>(() => remover.FindAndRemoveAsync(AzureVm.FromName(Sub, "rg", "vm1"), true, CancellationToken.None));
            return (ex, stub);
        }

        [Theory]
        [InlineData("..")]
        [InlineData("VMSnapshot?x=")]
        [InlineData("../../virtualMachines/vm1")]
        [InlineData("VM%2FSnapshot")]
        public async Task AListedExtensionNameThatIsNotANameIsNeverDeleted(string name)
        {
            var list = "{\"value\":[{\"name\":\"" + name + "\",\"properties\":{\"publisher\":\"Microsoft.Azure.RecoveryServices\",\"type\":\"VMSnapshot\"}}]}";
            var (ex, stub) = await FindAsync("{\"id\":\"x\",\"properties\":{\"storageProfile\":{\"osDisk\":{\"osType\":\"Windows\"}}}}", list);
            await using (stub)
            {
                Assert.Equal("InvalidResponse", ex.ErrorCode);
                Assert.Contains("nothing is deleted", ex.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(stub.Requests, r => r.Method == "DELETE");
            }
        }

        [Theory]
        [InlineData("[1,2]")]
        [InlineData("\"text\"")]
        public async Task AVmAnswerThatIsNotAnObjectIsAnArmErrorNotARawException(string vmBody)
        {
            var (ex, stub) = await FindAsync(vmBody, "{\"value\":[]}");
            await using (stub)
            {
                Assert.Equal("InvalidResponse", ex.ErrorCode);
                Assert.Single(stub.Requests);
            }
        }

        [Fact]
        public async Task AVmAnswerWithoutAnIdStillFindsNothingToDelete()
        {
            // Before: ParseVm threw a raw FormatException for the missing id and the cmdlet stopped.
            var stub = await LoopbackStub.StartAsync((context, n) =>
                (context.Request.Path.Value ?? string.Empty).EndsWith("/extensions", StringComparison.Ordinal)
                    ? Json(context, 200, "{\"value\":[{\"name\":5,\"properties\":\"not an object\"}]}")
                    : (context.Request.Path.Value ?? string.Empty).EndsWith("/vm1", StringComparison.Ordinal)
                        ? Json(context, 200, "{\"properties\":{\"storageProfile\":[]}}")
                        : Json(context, 404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no\"}}"));
            await using (stub)
            {
                using var client = new ArmClient(new ArmClientOptions(stub.BaseUri), new FixedTokenProvider("token-abc"));
                var result = await new SnapshotExtensionRemover(client).FindAndRemoveAsync(AzureVm.FromName(Sub, "rg", "vm1"), true, CancellationToken.None);
                Assert.Equal(RepairStatus.AlreadyHealthy, result.Status);
                Assert.DoesNotContain(stub.Requests, r => r.Method == "DELETE");
            }
        }
    }
}
