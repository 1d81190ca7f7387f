namespace CrmMail.Infra;

/// <summary>The adapter calls one function's composition root makes, from which its role is granted.</summary>
public sealed record FunctionComposition(string Function, IReadOnlyList<AdapterUse> Uses);
