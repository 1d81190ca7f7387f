using System.Text.Json;
using CrmMail.Aws.Iam;

namespace CrmMail.Infra.Tests;

/// <summary>The roles as IAM enforces them: each grants exactly what its function's adapters call.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class IamContractTests(StackFixture fixture)
{
    private readonly TemplateJson _template = TemplateJson.Load(fixture.TemplatePath);

    // Rule: every function's role grants exactly the (action, resource) pairs its composition's
    // adapter calls declare, bound to the resource the function's own variable names: nothing missing, nothing unused.
    [Fact]
    public void Roles_GrantExactlyWhatEachCompositionUses()
    {
        var failures = Mismatches(fixture.Settings, _template);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>
    /// For each function of <paramref name="template"/> synthesized with <paramref name="settings"/>:
    /// the grants its composition needs and the role lacks, and those the role has and it does not use.
    /// </summary>
    internal static List<string> Mismatches(StackSettings settings, TemplateJson template)
    {
        var failures = new List<string>();
        foreach (var composition in FunctionCompositions.For(settings))
        {
            var environment = template.Environment(composition.Function);
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var use in composition.Uses)
            {
                foreach (var requirement in use.Requirements)
                {
                    if (requirement.Resource == IamResourceKind.ConfigurationSet)
                    {
                        // SendEmail on each set the function's stream variables name (both streams may share one).
                        foreach (var variable in new[] { "SES_CONFIGURATION_SET_OUTREACH", "SES_CONFIGURATION_SET_FINANCIAL" })
                        {
                            expected.Add(requirement.Action + " on " + Bound(composition.Function, use with { Binding = variable }, environment));
                        }

                        continue;
                    }

                    expected.Add(requirement.Action + " on " + ExpectedResource(settings, template, composition.Function, use, requirement, environment));
                }
            }

            var granted = new SortedSet<string>(StringComparer.Ordinal);
            var platformQueues = PlatformQueues(template, composition.Function);
            foreach (var statement in template.Statements(composition.Function))
            {
                foreach (var action in TemplateJson.Strings(statement.GetProperty("Action")).Where(a => !a.StartsWith("xray:", StringComparison.Ordinal)))
                {
                    foreach (var resource in TemplateJson.Elements(statement.GetProperty("Resource")))
                    {
                        if (action.StartsWith("sqs:", StringComparison.Ordinal) && TemplateJson.References(resource).Any(platformQueues.Contains))
                        {
                            continue;
                        }

                        granted.Add(action + " on " + GrantedResource(resource));
                    }
                }
            }

            var missing = expected.Except(granted).ToList();
            var unused = granted.Except(expected).ToList();
            if (missing.Count + unused.Count > 0)
            {
                failures.Add($"{composition.Function}: missing [{string.Join("; ", missing)}] unused [{string.Join("; ", unused)}]");
            }
        }

        return failures;
    }

    // Rule: a missing report is a 404 only when SendMail may list the bucket (HeadObject without s3:ListBucket answers 403).
    [Fact]
    public void SendMail_MayListTheReportsBucket()
    {
        var bucket = TemplateJson.References(_template.Environment("SendMail")["REPORTS_BUCKET"]).Single();
        Assert.Contains(_template.Statements("SendMail"), s =>
            TemplateJson.Strings(s.GetProperty("Action")).Contains("s3:ListBucket")
            && TemplateJson.Elements(s.GetProperty("Resource")).Any(r => TemplateJson.References(r).SequenceEqual([bucket]) && !r.GetRawText().Contains("/*", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The queues whose SQS grants the platform constructs make, not adapters: the queue an event
    /// source mapping of the function consumes, and its async-invoke failure destination. (X-Ray,
    /// for tracing, is the platform's too.) Any other SQS grant is an adapter's and must be declared.
    /// </summary>
    internal static HashSet<string> PlatformQueues(TemplateJson template, string function)
    {
        var functionId = template.Function(function).Id;
        var consumed = template.OfType("AWS::Lambda::EventSourceMapping")
            .Where(m => TemplateJson.References(m.Resource.GetProperty("Properties").GetProperty("FunctionName")).Contains(functionId))
            .SelectMany(m => TemplateJson.References(m.Resource.GetProperty("Properties").GetProperty("EventSourceArn")));
        var destinations = template.OfType("AWS::Lambda::EventInvokeConfig")
            .Where(c => TemplateJson.References(c.Resource.GetProperty("Properties").GetProperty("FunctionName")).Contains(functionId))
            .SelectMany(c => TemplateJson.References(c.Resource.GetProperty("Properties").GetProperty("DestinationConfig")));
        return [.. consumed, .. destinations];
    }

    /// <summary>The resource a requirement must be granted on, found through the function's own variable.</summary>
    private static string ExpectedResource(StackSettings settings, TemplateJson template, string function, AdapterUse use, IamRequirement requirement, Dictionary<string, JsonElement> environment)
    {
        var kind = requirement.Resource;
        switch (kind)
        {
            case IamResourceKind.EmailIdentity:
                return "identity/" + settings.SesIdentity;
            case IamResourceKind.EmailTemplate:
                // Any template of the account: the CRM names it at send time.
                return "template/*";
            case IamResourceKind.ContactList:
                // One list per account: every call on it is bound through SES_CONTACT_LIST_NAME.
                return Bound(function, use with { Binding = "SES_CONTACT_LIST_NAME" }, environment);
            case IamResourceKind.SecretEncryptionKey:
                // The key that encrypts the secret the function's variable names.
                var secret = Bound(function, use, environment);
                var keyId = template.Root.GetProperty("Resources").GetProperty(secret).GetProperty("Properties").GetProperty("KmsKeyId");
                return string.Join(',', TemplateJson.References(keyId));
            default:
                var id = Bound(function, use, environment);
                return kind switch
                {
                    // Only the keys under the adapter's prefix when it declares one.
                    IamResourceKind.BucketObjects => id + "/" + requirement.KeyPrefix + "*",
                    IamResourceKind.TableIndexes => id + "/index/*",
                    _ => id,
                };
        }
    }

    private static string Bound(string function, AdapterUse use, Dictionary<string, JsonElement> environment)
    {
        Assert.True(environment.TryGetValue(use.Binding, out var value), $"{function} uses {use.Call} but its environment does not set {use.Binding}.");
        var references = TemplateJson.References(value);
        Assert.True(references.Count == 1, $"{function}: {use.Binding} should name one resource of the stack; got {value.GetRawText()}.");
        return references[0];
    }

    private static string GrantedResource(JsonElement resource)
    {
        var text = resource.ValueKind == JsonValueKind.String ? resource.GetString()! : resource.GetRawText();
        var references = TemplateJson.References(resource).Where(r => !r.StartsWith("AWS", StringComparison.Ordinal)).ToList();
        if (references.Count == 0)
        {
            var identity = text.IndexOf("identity/", StringComparison.Ordinal);
            var template = text.IndexOf(":template/", StringComparison.Ordinal);
            return identity >= 0 ? text[identity..].Split('"')[0] : template >= 0 ? text[(template + 1)..].Split('"')[0] : text;
        }

        return string.Join(',', references) + (text.Contains("/index/*", StringComparison.Ordinal) ? "/index/*" : ObjectKeys(resource) ?? string.Empty);
    }

    // The key pattern of an object ARN (BUCKET_ARN + "/…*", an Fn::Join ending in the literal pattern), or null for any other ARN.
    private static string? ObjectKeys(JsonElement resource)
    {
        if (resource.ValueKind != JsonValueKind.Object || !resource.TryGetProperty("Fn::Join", out var join))
        {
            return null;
        }

        var last = join[1].EnumerateArray().Last();
        return last.ValueKind == JsonValueKind.String && last.GetString()!.StartsWith('/') && last.GetString()!.EndsWith('*') ? last.GetString() : null;
    }
}
