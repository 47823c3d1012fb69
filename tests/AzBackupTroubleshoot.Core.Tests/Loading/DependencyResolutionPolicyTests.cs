using System.Reflection;
using AzBackupTroubleshoot.Core.Loading;

namespace AzBackupTroubleshoot.Core.Tests.Loading
{
    public class DependencyResolutionPolicyTests
    {
        private static DependencyResolutionPolicy Policy() => new DependencyResolutionPolicy(BuiltModule.Dependencies, BuiltModule.OwnAssemblies);

        private static string Display(string name, Version version, string token) =>
            $"{name}, Version={version}, Culture=neutral, PublicKeyToken={(token.Length == 0 ? "null" : token)}";

        [Fact]
        public void The_built_module_ships_the_dependencies_its_Core_references()
        {
            var deps = BuiltModule.Dependencies;
            var json = Assert.Single(deps, d => d.Name == "System.Text.Json");
            var referenced = BuiltModule.References(BuiltModule.OwnAssemblies[1]).Single(r => r.Name == "System.Text.Json");
            Assert.Equal(referenced.Version, json.Version);
            Assert.DoesNotContain(deps, d => d.Name.StartsWith("AzBackupTroubleshoot", StringComparison.Ordinal));
        }

        [Fact]
        public void Answers_each_own_dependency_at_its_own_version_for_the_modules_assemblies()
        {
            var policy = Policy();
            foreach (var requester in BuiltModule.OwnAssemblies)
            {
                foreach (var dep in BuiltModule.Dependencies)
                {
                    var decision = policy.Decide(Display(dep.Name, dep.Version, dep.PublicKeyToken), requester);
                    Assert.True(decision.Answered, decision.ToString());
                    Assert.Equal(dep.Path, decision.Path);
                }
            }
        }

        [Fact]
        public void Answers_every_reference_between_the_shipped_files_with_a_file_at_least_as_new()
        {
            // What .NET Framework asks for on 5.1: the Core's references, then each dependency's own references (for
            // example System.Memory 4.0.1.2 asks for System.Runtime.CompilerServices.Unsafe 4.0.4.1; the copy is 6.0.0.0).
            var policy = Policy();
            var deps = BuiltModule.Dependencies.ToDictionary(d => d.Name);
            var asked = 0;
            foreach (var requester in BuiltModule.OwnAssemblies.Concat(deps.Values.Select(d => d.Path)))
            {
                foreach (var reference in BuiltModule.References(requester).Where(r => deps.ContainsKey(r.Name!)))
                {
                    var decision = policy.Decide(reference.FullName, requester);
                    Assert.True(decision.Answered, $"{Path.GetFileName(requester)} -> {reference.FullName}: {decision}");
                    var file = AssemblyName.GetAssemblyName(decision.Path!);
                    Assert.Equal(reference.Name, file.Name);
                    Assert.True(file.Version >= reference.Version, $"{file.Version} < {reference.Version}");
                    asked++;
                }
            }

            Assert.True(asked >= 8, $"only {asked} references between the shipped files");
        }

        [Fact]
        public void Never_answers_with_a_file_older_than_requested()
        {
            var policy = Policy();
            foreach (var dep in BuiltModule.Dependencies)
            {
                foreach (var newer in new[] { new Version(dep.Version.Major, dep.Version.Minor, dep.Version.Build, dep.Version.Revision + 1), new Version(dep.Version.Major + 1, 0, 0, 0) })
                {
                    var decision = policy.Decide(Display(dep.Name, newer, dep.PublicKeyToken), BuiltModule.OwnAssemblies[1]);
                    Assert.False(decision.Answered, decision.ToString());
                    Assert.Contains("older", decision.Reason);
                }
            }
        }

        [Fact]
        public void Never_answers_Az_Accounts_names_and_versions_from_Az_Accounts_or_from_no_requester()
        {
            var policy = Policy();
            var requesters = AzAccountsAssemblies.Requesters.Append(null);
            var overlapping = 0;
            foreach (var (name, version, token) in AzAccountsAssemblies.All)
            {
                overlapping += policy.Dependencies.Any(d => d.Name == name) ? 1 : 0;
                foreach (var requester in requesters)
                {
                    foreach (var t in new[] { token, string.Empty })
                    {
                        var decision = policy.Decide(Display(name, new Version(version), t), requester);
                        Assert.False(decision.Answered, $"{name} {version} from {requester ?? "(none)"}: {decision}");
                    }
                }
            }

            // The lists overlap (System.Text.Json, System.Memory, System.Buffers, Unsafe, ...): the test is not vacuous.
            Assert.True(overlapping >= 6, $"only {overlapping} names in common");
        }

        [Fact]
        public void Az_Accounts_names_it_shares_with_the_module_are_answered_only_for_the_module_and_only_when_new_enough()
        {
            var policy = Policy();
            foreach (var (name, version, token) in AzAccountsAssemblies.All)
            {
                var ours = policy.Dependencies.SingleOrDefault(d => d.Name == name);
                var decision = policy.Decide(Display(name, new Version(version), token), BuiltModule.OwnAssemblies[1]);
                if (ours is null)
                {
                    Assert.False(decision.Answered, decision.ToString());
                    Assert.Contains("not a private dependency", decision.Reason);
                }
                else if (ours.Version < new Version(version))
                {
                    // System.Numerics.Vectors: Az.Accounts ships 4.1.4.0, the module 4.1.3.0.
                    Assert.False(decision.Answered, decision.ToString());
                }
                else if (ours.PublicKeyToken == token)
                {
                    Assert.True(decision.Answered, decision.ToString());
                    Assert.Equal(ours.Path, decision.Path);
                }
            }
        }

        [Fact]
        public void Declines_other_names_wrong_tokens_missing_versions_and_malformed_names_without_throwing()
        {
            var policy = Policy();
            var own = BuiltModule.OwnAssemblies[0];
            var json = policy.Dependencies.Single(d => d.Name == "System.Text.Json");
            Assert.False(policy.Decide("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed", own).Answered);
            Assert.False(policy.Decide("AzBackupTroubleshoot.Core, Version=0.1.0.0", own).Answered);
            Assert.False(policy.Decide(Display("System.Text.Json", json.Version, "0123456789abcdef"), own).Answered);
            Assert.Contains("no version", policy.Decide("System.Text.Json", own).Reason);
            Assert.False(policy.Decide("System.Text.Json, Version=not-a-version", own).Answered);
            Assert.False(policy.Decide("", own).Answered);
            Assert.False(policy.Decide(null, own).Answered);
            Assert.False(policy.Decide("System.Text.Json, Version=1.0.0.0, Culture===", own).Answered);
        }

        [Fact]
        public void Declines_a_requester_outside_the_module_even_for_an_own_dependency()
        {
            var policy = Policy();
            var json = policy.Dependencies.Single(d => d.Name == "System.Text.Json");
            var request = Display(json.Name, json.Version, json.PublicKeyToken);
            Assert.True(policy.Decide(request, BuiltModule.OwnAssemblies[1].ToUpperInvariant()).Answered);
            Assert.False(policy.Decide(request, null).Answered);
            Assert.False(policy.Decide(request, Path.Combine(Path.GetTempPath(), "AzBackupTroubleshoot.Core.dll")).Answered);
            Assert.False(policy.Decide(request, Path.Combine(BuiltModule.Directory, "en-US", "Other.dll")).Answered);
        }

        [Fact]
        public void Keeps_the_newer_of_two_files_with_one_name()
        {
            var policy = new DependencyResolutionPolicy(
                new[] { new PrivateDependency("X", new Version(1, 0), "", "/m/Dependencies/a/X.dll"), new PrivateDependency("X", new Version(2, 0), "", "/m/Dependencies/b/X.dll") },
                new[] { "/m/AzBackupTroubleshoot.dll" });
            Assert.Equal("/m/Dependencies/b/X.dll", policy.Decide("X, Version=1.5.0.0", "/m/AzBackupTroubleshoot.dll").Path);
        }
    }
}
