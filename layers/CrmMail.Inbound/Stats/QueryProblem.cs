namespace CrmMail.Inbound.Stats;

/// <summary>A query parameter the stats routes refuse: its name and why.</summary>
public sealed record QueryProblem(string Field, string Message);
