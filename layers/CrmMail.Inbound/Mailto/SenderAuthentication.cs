namespace CrmMail.Inbound.Mailto;

/// <summary>
/// Whether the From address of a mail without a usable token may be acted on, by DMARC's rule
/// (RFC 7489): SPF authenticates only the envelope MAIL FROM domain and a DKIM PASS may belong
/// to any signing domain, so neither alone says who is in From (anyone can forge From). The
/// From address counts when
/// <list type="bullet">
/// <item>SES's DMARC verdict is PASS, or</item>
/// <item>the From domain publishes no DMARC policy (GRAY) and either SPF passed for an envelope
/// domain aligned with the From domain, or DKIM passed on a message that carries exactly one
/// DKIM-Signature whose d= aligns (SES reports one DKIM verdict for the whole message; with two
/// signatures we cannot tell which one passed).</item>
/// </list>
/// Alignment is <see cref="DomainAlignment"/>'s relaxed approximation. A spam or virus FAIL
/// ignores the mail whatever else passed.
/// </summary>
public static class SenderAuthentication
{
    /// <summary>The rule that vouches for <paramref name="message"/>'s From address, or why none does.</summary>
    public static SenderDecision Evaluate(MailtoMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var verdicts = message.Verdicts;
        if (verdicts.Spam == "FAIL" || verdicts.Virus == "FAIL")
        {
            return SenderDecision.Refused("spam_or_virus");
        }

        if (message.FromProblem is { } problem)
        {
            return SenderDecision.Refused(problem);
        }

        var fromDomain = DomainAlignment.DomainOf(message.FromAddress);
        if (message.FromAddress is null || fromDomain is null)
        {
            return SenderDecision.Refused("no_sender");
        }

        if (verdicts.Dmarc == "PASS")
        {
            return SenderDecision.By(SenderRules.DmarcPass);
        }

        if (verdicts.Dmarc != "GRAY")
        {
            // FAIL: the domain's policy says this From is not authenticated; anything else
            // (PROCESSING_FAILED, missing) proves nothing, whatever SPF or DKIM said.
            return SenderDecision.Refused("dmarc_" + verdicts.Dmarc.ToLowerInvariant());
        }

        if (verdicts.Spf == "PASS" && DomainAlignment.Aligned(DomainAlignment.DomainOf(message.EnvelopeFrom), fromDomain))
        {
            return SenderDecision.By(SenderRules.SpfAligned);
        }

        if (verdicts.Dkim == "PASS" && message.DkimDomains is [var signer] && DomainAlignment.Aligned(signer, fromDomain))
        {
            return SenderDecision.By(SenderRules.DkimAligned);
        }

        return SenderDecision.Refused("sender_not_aligned");
    }
}
