using CrmMail.Campaigns;
using CrmMail.LocalSuite.Campaigns;
using CrmMail.Mail.Validation;

namespace CrmMail.LocalSuite.Tests.Campaigns;

/// <summary>The campaign bucket as files in the data folder.</summary>
public sealed class FileCampaignObjectsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "crm-mail-campaign-objects-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task PutThenGet_ContentAndList_RoundTripInOrder()
    {
        // Rule: what is stored is read back unchanged (the list in its order); a missing key is null.
        var objects = new FileCampaignObjects(_root);
        var content = CampaignContent.Of(new SendMailCommand([], "r@example.com", null, "S", "<p>h</p>", "h", "n", CampaignType.Financial, null), []);
        await objects.PutContentAsync("c1/content.json", content, default);
        await objects.PutRecipientsAsync("c1/recipients.jsonl", ["b@example.com", "a@example.com"], default);
        Assert.Equal(content.Subject, (await objects.GetContentAsync("c1/content.json", default))!.Subject);
        Assert.Equal(["b@example.com", "a@example.com"], await objects.GetRecipientsAsync("c1/recipients.jsonl", default));
        Assert.Null(await objects.GetRecipientsAsync("c2/recipients.jsonl", default));
    }

    [Theory]
    [InlineData("../outside.json")]
    [InlineData("/etc/passwd")]
    [InlineData("c1/../../x")]
    public async Task GetContentAsync_KeyLeavingTheFolder_IsRefused(string key)
    {
        // Rule: an object key never names a file outside the campaigns folder.
        await Assert.ThrowsAsync<ArgumentException>(() => new FileCampaignObjects(_root).GetContentAsync(key, default));
    }
}
