using AzBackupTroubleshoot.Core.Arm;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    public class ArmEndpointPolicyTests
    {
        [Theory]
        [InlineData("http://127.0.0.1:8080/", true)]
        [InlineData("http://127.5.6.7/", true)]
        [InlineData("http://[::1]:9000/", true)]
        [InlineData("http://localhost:5000/", true)]
        [InlineData("http://128.0.0.1/", false)]
        [InlineData("http://10.0.0.4/", false)]
        [InlineData("http://management.azure.com/", false)]
        public void RecognisesLoopbackHosts(string url, bool loopback) => Assert.Equal(loopback, ArmEndpointPolicy.IsLoopback(new Uri(url)));

        [Fact]
        public void AllowsHttpsToTheEndpointAndHttpOnlyToLoopback()
        {
            var arm = new Uri("https://management.azure.com/");
            Assert.Null(ArmEndpointPolicy.Check(arm, new Uri("https://management.azure.com/subscriptions/x?api-version=1")));
            Assert.Equal("InsecureEndpoint", ArmEndpointPolicy.Check(arm, new Uri("http://management.azure.com/subscriptions/x"))!.Value.Code);
            var local = new Uri("http://127.0.0.1:5000/");
            Assert.Null(ArmEndpointPolicy.Check(local, new Uri("http://127.0.0.1:5000/subscriptions/x")));
        }

        [Fact]
        public void RefusesOtherHostsAndPorts()
        {
            var arm = new Uri("https://management.azure.com/");
            var refusal = ArmEndpointPolicy.Check(arm, new Uri("https://evil.example/operations/1"));
            Assert.Equal("ForeignEndpoint", refusal!.Value.Code);
            Assert.Contains("evil.example", refusal.Value.Reason, StringComparison.Ordinal);
            Assert.Equal("ForeignEndpoint", ArmEndpointPolicy.Check(new Uri("http://127.0.0.1:5000/"), new Uri("http://127.0.0.1:5001/x"))!.Value.Code);
        }
    }
}
