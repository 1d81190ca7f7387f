namespace CrmMail.Infra.Tests;

/// <summary>One synthesis shared by every template test class (jsii runs one app at a time; synth is the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "Stack";
}
