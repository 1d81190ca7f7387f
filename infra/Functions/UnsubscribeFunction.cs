using Constructs;
using CrmMail.Routes;

namespace CrmMail.Infra.Functions;

/// <summary>GET and POST /{stream}/unsubscribe: recipients' unsubscribe links and RFC 8058 one-click.</summary>
public sealed class UnsubscribeFunction(Construct scope, string id, SuiteFunctionProps props)
    : SuiteFunction(scope, id, FunctionNames.Unsubscribe, 512, 15, props);
