using Constructs;
using CrmMail.Routes;

namespace CrmMail.Infra.Functions;

/// <summary>
/// POST /send-mail: composes and sends each recipient's message with signed report links.
/// 1024 MB for the concurrent per-recipient sends; 28 s, just inside API Gateway's 29 s
/// integration timeout so the function's own deadline answers first.
/// </summary>
public sealed class SendMailFunction(Construct scope, string id, SuiteFunctionProps props)
    : SuiteFunction(scope, id, FunctionNames.SendMail, 1024, 28, props);
