namespace CrmMail.Cli;

/// <summary>Bad input on the command line: reported as one line on stderr with exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
