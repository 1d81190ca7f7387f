using System.Text;
using System.Text.Encodings.Web;

namespace CrmMail.LocalSuite.Pages;

/// <summary>
/// A tiny HTML writer for the local pages: every value goes through <see cref="HtmlEncoder"/>
/// (message subjects, addresses and headers are untrusted input), markup only from literals.
/// </summary>
internal sealed class Html
{
    private const string Style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2733;background:#f6f7f9}
        header{background:#1d2733;color:#fff;padding:.7rem 1.5rem;display:flex;gap:1.5rem;align-items:center}
        header a{color:#cfe3ff;text-decoration:none}header strong{margin-right:1rem}
        main{padding:1.2rem 1.5rem;max-width:72rem}
        table{border-collapse:collapse;width:100%;background:#fff;margin:.6rem 0 1.4rem}
        th,td{border:1px solid #dde2e8;padding:.35rem .55rem;text-align:left;vertical-align:top;font-size:14px}
        th{background:#eef1f5}td.mono,pre,code{font-family:ui-monospace,monospace;font-size:13px;word-break:break-all}
        pre{background:#fff;border:1px solid #dde2e8;padding:.8rem;white-space:pre-wrap}
        table.fit{table-layout:fixed}table.fit th,table.fit td{overflow-wrap:anywhere;font-size:13px}
        iframe{width:100%;height:32rem;border:1px solid #dde2e8;background:#fff}
        .ok{color:#116b2f;font-weight:600}.bad{color:#a8201a;font-weight:600}
        button{font:inherit;padding:.35rem .9rem;cursor:pointer}
        .card{background:#fff;border:1px solid #dde2e8;padding:1rem 1.2rem;margin:.6rem 0 1.2rem}
        """;

    private readonly StringBuilder _builder = new();

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    public Html Raw(string markup)
    {
        _builder.Append(markup);
        return this;
    }

    public Html Text(string? value)
    {
        _builder.Append(Encode(value));
        return this;
    }

    public Html Element(string tag, string? value, string? attributes = null)
    {
        _builder.Append('<').Append(tag);
        if (attributes is not null)
        {
            _builder.Append(' ').Append(attributes);
        }

        _builder.Append('>').Append(Encode(value)).Append("</").Append(tag).Append('>');
        return this;
    }

    public Html Link(string href, string? text, string? attributes = null)
        => Raw("<a href=\"" + Encode(href) + "\"" + (attributes is null ? string.Empty : " " + attributes) + ">").Text(text).Raw("</a>");

    public Html Row(params string?[] cells)
    {
        _builder.Append("<tr>");
        foreach (var cell in cells)
        {
            _builder.Append("<td>").Append(Encode(cell)).Append("</td>");
        }

        _builder.Append("</tr>");
        return this;
    }

    public Html HeaderRow(params string[] cells)
    {
        _builder.Append("<tr>");
        foreach (var cell in cells)
        {
            _builder.Append("<th>").Append(Encode(cell)).Append("</th>");
        }

        _builder.Append("</tr>");
        return this;
    }

    /// <summary>The whole document around <paramref name="body"/>.</summary>
    public static string Page(string title, Html body)
        => "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
            + "<title>" + Encode(title) + " · CRM Mail (local)</title><style>" + Style + "</style></head><body>"
            + "<header><strong>CRM Mail · local</strong><a href=\"/\">Home</a><a href=\"/outbox\">Outbox</a><a href=\"/contacts\">Contacts</a><a href=\"/gallery\">Gallery</a><a href=\"/stats\">Stats</a><a href=\"/campaigns\">Campaigns</a><a href=\"/docs\">API docs</a></header>"
            + "<main><h1>" + Encode(title) + "</h1>" + body._builder + "</main></body></html>";
}
