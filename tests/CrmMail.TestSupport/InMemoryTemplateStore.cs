using System.Collections.Concurrent;
using CrmMail.Mail.Templates;

namespace CrmMail.TestSupport;

/// <summary>Email templates in memory.</summary>
public sealed class InMemoryTemplateStore : IEmailTemplateStore
{
    public ConcurrentDictionary<string, EmailTemplate> Templates { get; } = new(StringComparer.Ordinal);

    public Task<EmailTemplate?> GetAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Templates.GetValueOrDefault(name));

    public Task PutAsync(EmailTemplate template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        Templates[template.Name] = template;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(Templates.Keys.Order(StringComparer.Ordinal).ToList());

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Templates.TryRemove(name, out _));
}
