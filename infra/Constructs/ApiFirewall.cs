using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.WAFv2;
using Constructs;

namespace CrmMail.Infra.Constructs;

/// <summary>
/// An optional regional WAF web ACL on the API stage (<c>-c wafRateLimit=N</c>): requests to
/// the public routes (the route table's Read throttle class: unsubscribe links, add-contact, the
/// outreach and gallery routes, which anyone on the internet can reach) are blocked per source
/// IP above N in any five minutes. send-mail (API key and the
/// usage plan's quota) and the Mailgun webhook (a few Mailgun addresses sending in bursts,
/// HMAC-signed) are not rate-limited by IP. Blocked requests get the gateway's WAF_FILTERED
/// response (429 in the contract's error shape, set by the stack).
/// </summary>
public sealed class ApiFirewall : Construct
{
    public ApiFirewall(Construct scope, string id, StackSettings settings, Stage stage, IReadOnlyList<string> publicPaths, int rateLimit)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(publicPaths);
        if (publicPaths.Count == 0)
        {
            throw new ArgumentException("The firewall needs at least one public route.", nameof(publicPaths));
        }

        // The path WAF sees carries the stage (/prod/financial/unsubscribe) or a custom
        // domain's base path: matching its end matches the route either way; the query string is not part of it.
        // A templated route (/spaces/{spaceId}/images) never appears literally in a request:
        // match the literal tail after its last parameter (/images), which only it ends with.
        var matches = publicPaths.Select(MatchedSuffix).Distinct(StringComparer.Ordinal).Select(path => (object)new CfnWebACL.StatementProperty
        {
            ByteMatchStatement = new CfnWebACL.ByteMatchStatementProperty
            {
                FieldToMatch = new CfnWebACL.FieldToMatchProperty { UriPath = new Dictionary<string, object>() },
                PositionalConstraint = "ENDS_WITH",
                SearchString = path,
                TextTransformations = new object[] { new CfnWebACL.TextTransformationProperty { Priority = 0, Type = "NONE" } },
            },
        }).ToArray();
        var metricPrefix = settings.Physical("CrmMailApi");
        WebAcl = new CfnWebACL(this, "WebAcl", new CfnWebACLProps
        {
            Name = settings.Physical("crm-mail-api"),
            Description = "CRM Mail API: per-IP rate limit on the public routes",
            Scope = "REGIONAL",
            DefaultAction = new CfnWebACL.DefaultActionProperty { Allow = new CfnWebACL.AllowActionProperty() },
            VisibilityConfig = new CfnWebACL.VisibilityConfigProperty { CloudWatchMetricsEnabled = true, MetricName = metricPrefix, SampledRequestsEnabled = true },
            Rules = new object[]
            {
                new CfnWebACL.RuleProperty
                {
                    Name = "PublicRoutesRateLimit",
                    Priority = 0,
                    Action = new CfnWebACL.RuleActionProperty { Block = new CfnWebACL.BlockActionProperty() },
                    Statement = new CfnWebACL.StatementProperty
                    {
                        RateBasedStatement = new CfnWebACL.RateBasedStatementProperty
                        {
                            Limit = rateLimit,
                            AggregateKeyType = "IP",
                            ScopeDownStatement = matches.Length == 1 ? matches[0] : new CfnWebACL.StatementProperty { OrStatement = new CfnWebACL.OrStatementProperty { Statements = matches } },
                        },
                    },
                    VisibilityConfig = new CfnWebACL.VisibilityConfigProperty { CloudWatchMetricsEnabled = true, MetricName = metricPrefix + "PublicRoutesRateLimit", SampledRequestsEnabled = true },
                },
            },
        });
        _ = new CfnWebACLAssociation(this, "Association", new CfnWebACLAssociationProps { ResourceArn = stage.StageArn, WebAclArn = WebAcl.AttrArn });
    }

    public CfnWebACL WebAcl { get; }

    /// <summary>The part of a route path WAF matches the request's path against (its end).</summary>
    /// <exception cref="ArgumentException">A templated path that ends in a parameter (nothing literal to match).</exception>
    public static string MatchedSuffix(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var close = path.LastIndexOf('}');
        if (close < 0)
        {
            return path;
        }

        var tail = path[(close + 1)..];
        return tail.Length > 1 ? tail : throw new ArgumentException($"Route '{path}' ends in a parameter: WAF has no literal end to match.", nameof(path));
    }
}
