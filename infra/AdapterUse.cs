using CrmMail.Aws.Iam;

namespace CrmMail.Infra;

/// <summary>
/// One adapter call a function makes: its IAM requirements (declared in CrmMail.Aws.Iam), the
/// environment variable that names the resource it works on (the stack binds it to that
/// resource), and for KMS the token purpose the call uses (its encryption context).
/// </summary>
public sealed record AdapterUse(string Call, IReadOnlyList<IamRequirement> Requirements, string Binding, string? KmsPurpose = null);
