using System.Text.Json;
using CrmMail.Mail.Templates;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>
/// Email templates in <c>serve</c>'s data folder (<c>templates/NAME.json</c>), the local stand-in
/// for SES v2 email templates. Names are checked by <see cref="TemplateRenderer.IsValidName"/>
/// before they become a file name, so no name can leave the folder.
/// </summary>
public sealed class FileEmailTemplateStore(string folder) : IEmailTemplateStore
{
    /// <inheritdoc />
    public Task<EmailTemplate?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        return Task.FromResult(File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), LocalJsonContext.Default.EmailTemplate) : null);
    }

    /// <inheritdoc />
    public Task PutAsync(EmailTemplate template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        var path = PathOf(template.Name);
        Directory.CreateDirectory(folder);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(template, LocalJsonContext.Default.EmailTemplate));
        File.Move(temporary, path, overwrite: true);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<string>>(Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Where(TemplateRenderer.IsValidName).Order(StringComparer.Ordinal).ToList()
            : []);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    private string PathOf(string name)
        => TemplateRenderer.IsValidName(name) ? Path.Combine(folder, name + ".json") : throw new ArgumentException("Not a template name.", nameof(name));
}
