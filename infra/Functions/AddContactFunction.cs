using Constructs;
using CrmMail.Routes;

namespace CrmMail.Infra.Functions;

/// <summary>POST /financial/add-contact (and its CORS preflight): add or resubscribe a contact.</summary>
public sealed class AddContactFunction(Construct scope, string id, SuiteFunctionProps props)
    : SuiteFunction(scope, id, FunctionNames.AddContact, 512, 15, props);
