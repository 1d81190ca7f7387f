namespace CrmMail.Cli;

/// <summary>The command could not do its work (a busy port, a binary that cannot run): one line on stderr, exit code 1.</summary>
internal sealed class CliFailureException(string message) : Exception(message);
