using Amazon.CDK;
using Constructs;

namespace CrmMail.SignedDelivery;

/// <summary>
/// cdk-nag suppressions, written as <c>cdk_nag</c> metadata on the CloudFormation resource so
/// they travel in the template (tools/nag/nag.js reads them back). One call per resource: a
/// second call replaces the first, so give every rule the resource needs at once.
/// </summary>
public static class Nag
{
    /// <summary>
    /// One suppressed rule: its id, why it does not apply, and optionally which findings
    /// (cdk-nag's applies_to: a finding such as <c>Resource::*</c>, or a <c>/regex/</c>).
    /// </summary>
    public sealed record Rule(string Id, string Reason, params string[] AppliesTo);

    /// <summary>Suppresses <paramref name="rules"/> on the resource behind <paramref name="construct"/> (an L1 or an L2's default child).</summary>
    public static void Suppress(IConstruct construct, params Rule[] rules)
    {
        var resource = construct as CfnResource ?? construct.Node.DefaultChild as CfnResource
            ?? throw new ArgumentException($"{construct.Node.Path} has no CloudFormation resource to carry a cdk-nag suppression.", nameof(construct));
        resource.AddMetadata("cdk_nag", new Dictionary<string, object>
        {
            ["rules_to_suppress"] = rules.Select(r =>
            {
                if (r.Reason.Length < 10)
                {
                    throw new ArgumentException($"{r.Id}: a suppression needs a real reason (cdk-nag wants 10+ characters).", nameof(rules));
                }

                var entry = new Dictionary<string, object> { ["id"] = r.Id, ["reason"] = r.Reason };
                if (r.AppliesTo.Length > 0)
                {
                    entry["applies_to"] = r.AppliesTo.Select(a => a.StartsWith('/') ? new Dictionary<string, object> { ["regex"] = a } : (object)a).ToArray();
                }

                return (object)entry;
            }).ToArray(),
        });
    }
}
