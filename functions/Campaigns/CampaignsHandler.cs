using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmMail.Aws.ApiGateway;
using CrmMail.Campaigns;
using CrmMail.Hosting;
using CrmMail.Hosting.Http;
using CrmMail.Hosting.Logging;
using CrmMail.Hosting.Responses;
using CrmMail.Kernel;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Mail.Idempotency;
using CrmMail.Mail.Validation;
using CrmMail.Routes;

namespace CrmMail.Functions.Campaigns;

/// <summary>
/// The campaign API (API key): POST /campaigns (202 queued; 400 every field and list-row error
/// at once; 413 over a count or size limit; 422 reports missing; Idempotency-Key as on
/// send-mail), GET /campaigns/{id} and its recipients, POST pause/resume/cancel (409 with the
/// current state when not allowed), POST /campaigns/uploads (201 presigned PUT). A campaign of
/// another API key is 404, like one that does not exist. Outcomes become HTTP here only; a
/// dependency outage or an exhausted budget is 503 with Retry-After.
/// </summary>
internal sealed class CampaignsHandler(
    CampaignsHandler.Validators validators,
    CreateCampaignFlow create,
    CampaignStatusFlow status,
    CampaignRecipientsFlow recipients,
    CampaignControlFlow control,
    CampaignUploadFlow upload,
    ICampaignUploads uploads,
    IIdempotencyStore idempotency)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var view = new RequestView(request);
        // API Gateway requires the key on every route, so its id is always there; without it
        // nobody could own a campaign.
        if (request.RequestContext?.Identity?.ApiKeyId is not { Length: > 0 } caller)
        {
            return ApiResponses.Error(403, "forbidden", "An API key is required.");
        }

        var id = request.PathParameters is { } parameters && parameters.TryGetValue("id", out var value) ? value : string.Empty;
        using var deadline = InvocationDeadline.Start(context);
        try
        {
            return (view.Method, view.Resource) switch
            {
                ("POST", CampaignPaths.Campaigns) => await CreateAsync(view, request, caller, context, deadline).ConfigureAwait(false),
                ("GET", CampaignPaths.Campaign) => Status((await status.RunAsync(id, caller, deadline.Token).ConfigureAwait(false)).Campaign),
                ("GET", CampaignPaths.Recipients) => await RecipientsAsync(view, id, caller, deadline).ConfigureAwait(false),
                ("POST", CampaignPaths.Pause) => Control(id, await control.RunAsync(id, caller, CampaignAction.Pause, deadline.Token).ConfigureAwait(false)),
                ("POST", CampaignPaths.Resume) => Control(id, await control.RunAsync(id, caller, CampaignAction.Resume, deadline.Token).ConfigureAwait(false)),
                ("POST", CampaignPaths.Cancel) => Control(id, await control.RunAsync(id, caller, CampaignAction.Cancel, deadline.Token).ConfigureAwait(false)),
                ("POST", CampaignPaths.Uploads) => Upload(await upload.RunAsync(caller, deadline.Token).ConfigureAwait(false)),
                _ => ApiResponses.Error(404, "not_found", "No such route."),
            };
        }
        catch (Exception exception) when (exception is DependencyUnavailableException || deadline.Explains(exception))
        {
            return Unavailable(context, exception.Message);
        }
    }

    private async Task<APIGatewayProxyResponse> CreateAsync(RequestView view, APIGatewayProxyRequest request, string caller, ILambdaContext context, InvocationDeadline deadline)
    {
        if (!view.TryBodyText(out var body))
        {
            return RequestBody.InvalidEncoding();
        }

        SendMailRequest? parsed;
        CampaignListReference? list;
        try
        {
            parsed = JsonSerializer.Deserialize(body, SendMailJsonContext.Default.SendMailRequest);
            list = JsonSerializer.Deserialize(body, CampaignsJsonContext.Default.CampaignListReference);
        }
        catch (JsonException)
        {
            parsed = null;
            list = null;
        }

        if (parsed is null || list is null)
        {
            return ApiResponses.Error(400, "invalid_json", "The body must be a JSON object.");
        }

        SendMailValidation validation;
        string fingerprint;
        if (list.RecipientsS3Key is null)
        {
            validation = validators.Inline.Validate(parsed);
            fingerprint = Sha256Hex(body);
        }
        else
        {
            var (listed, listDigest, tooLarge) = await ValidateListAsync(parsed, list.RecipientsS3Key, caller, deadline.Token).ConfigureAwait(false);
            if (tooLarge is not null)
            {
                return tooLarge;
            }

            validation = listed;
            // An uploaded list is identified by its content, not by its upload key: a client
            // that retries by uploading the same list again (under a new key) makes the same
            // request and gets the first campaign back; another list under the same
            // Idempotency-Key is another request (422). The rest of the request is taken as
            // parsed, without the key.
            fingerprint = Sha256Hex(JsonSerializer.Serialize(parsed, SendMailJsonContext.Default.SendMailRequest) + "\n" + listDigest);
        }

        if (!validation.IsValid)
        {
            return ValidationResponses.For(validation);
        }

        if (!IdempotencyKeyHeader.TryScope(view, request, out var scopedKey, out var invalidKey))
        {
            return invalidKey;
        }

        var idempotent = await IdempotentRequest.ClaimAsync(idempotency, scopedKey, fingerprint, deadline.Token).ConfigureAwait(false);
        if (IdempotencyKeyHeader.AnswerFor(idempotent.Claim) is { } answer)
        {
            return answer;
        }

        CreateCampaignOutcome outcome;
        try
        {
            outcome = await create.RunAsync(validation.Command, caller, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException || deadline.Explains(exception))
        {
            await ReleaseAsync(idempotent, context, deadline).ConfigureAwait(false);
            return Unavailable(context, exception.Message);
        }

        if (outcome.Status == CreateCampaignStatus.ReportsMissing)
        {
            await ReleaseAsync(idempotent, context, deadline).ConfigureAwait(false);
            return ApiResponses.Error(422, "reports_missing", "Reports are missing for some customIds; nothing was stored.",
                outcome.MissingReports.Select(missing => new ApiErrorDetail("customIds", missing)).ToList());
        }

        var campaignId = outcome.CampaignId!;
        var reply = JsonSerializer.Serialize(new CampaignCreatedReply(campaignId, CampaignState.Queued.Name(), "/campaigns/" + campaignId), CampaignsJsonContext.Default.CampaignCreatedReply);
        context.Logger.WriteInformation("campaign queued", LogField.Of("campaignId", campaignId), LogField.Of("recipients", (long)validation.Command.Recipients.Count));
        if (await idempotent.CompleteAsync(202, reply, nothingSent: false, deadline.WrapUpToken).ConfigureAwait(false) is { } failure)
        {
            // The campaign is stored and launched; the answer must still reach the caller.
            context.Logger.WriteError("Could not record the idempotent response.", LogField.Of("errorType", failure.GetType().Name));
        }

        return ApiResponses.RawJson(202, reply);
    }

    // The list is read and parsed first; the send-mail validator then checks every other field
    // with the list's addresses as `to`, so one 400 lists every field and every bad line.
    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    // Also returns the SHA-256 of the list's text (the request's fingerprint uses it).
    private async Task<(SendMailValidation Validation, string? ListDigest, APIGatewayProxyResponse? TooLarge)> ValidateListAsync(SendMailRequest parsed, string key, string caller, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        IReadOnlyList<ListedRecipient> rows = [];
        string? digest = null;
        if (parsed.To is { Count: > 0 })
        {
            errors.Add(new FieldError(RecipientListParser.Field, "Give either to or recipientsS3Key, not both."));
        }
        else if (!CampaignKeys.IsUploadOf(key, caller))
        {
            errors.Add(new FieldError(RecipientListParser.Field, "Not a key from this API key's POST /campaigns/uploads."));
        }
        else
        {
            var uploaded = await uploads.ReadAsync(key, CampaignsSettings.MaxListBytes, cancellationToken).ConfigureAwait(false);
            if (uploaded.TooLarge)
            {
                return (new SendMailValidation(null, [], null), null, ApiResponses.Error(413, "list_too_large", $"A recipient list is limited to {CampaignsSettings.MaxListBytes} bytes."));
            }

            if (uploaded.Missing)
            {
                errors.Add(new FieldError(RecipientListParser.Field, "No uploaded list under this key (PUT it to the upload URL first)."));
            }
            else
            {
                digest = Sha256Hex(uploaded.Text!);
                var parse = RecipientListParser.Parse(uploaded.Text!);
                errors.AddRange(parse.Errors);
                rows = parse.Rows;
                foreach (var row in rows.Where(r => r.CustomIds.Count > 0).Take(RecipientListParser.MaxListedErrors))
                {
                    // The sender links the campaign's reports (the top-level customIds) in every
                    // message; per-recipient reports would need per-recipient links it cannot send yet.
                    errors.Add(new FieldError(RecipientListParser.Field, string.Create(CultureInfo.InvariantCulture, $"Line {row.Line}: per-recipient customIds are not supported yet; use the top-level customIds.")));
                }

                if (rows.Count == 0 && parse.Errors.Count == 0)
                {
                    errors.Add(new FieldError(RecipientListParser.Field, "The list holds no recipients."));
                }
            }
        }

        var validation = validators.List.Validate(parsed with { To = rows.Select(r => (string?)r.Email).ToList() });
        // The validator's own `to` complaints are about the list, already said per line; its
        // count limit stays (413).
        errors.AddRange(validation.Errors.Where(e => e.Field != "to" && !e.Field.StartsWith("to[", StringComparison.Ordinal) || ReferenceEquals(e, validation.LimitExceeded)));
        return errors.Count == 0 && validation.IsValid
            ? (validation, digest, null)
            : (new SendMailValidation(null, errors, validation.LimitExceeded), digest, null);
    }

    private async Task<APIGatewayProxyResponse> RecipientsAsync(RequestView view, string id, string caller, InvocationDeadline deadline)
    {
        RecipientStatus? wanted = view.Query("status") switch
        {
            "failed" => RecipientStatus.Failed,
            "suppressed" => RecipientStatus.Suppressed,
            "sent" => RecipientStatus.Sent,
            _ => null,
        };
        if (wanted is not { } statusFilter)
        {
            return ApiResponses.Error(400, "invalid_status", "status is failed, suppressed or sent.", [new ApiErrorDetail("status", "failed, suppressed or sent")]);
        }

        int? after = null;
        if (view.Query("nextToken") is { } token)
        {
            if (!RecipientsToken.TryRead(token, out var index))
            {
                return InvalidToken();
            }

            after = index;
        }

        var outcome = await recipients.RunAsync(id, caller, statusFilter, after, CampaignsSettings.PageSize, deadline.Token).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case CampaignRecipientsStatus.NotFound:
                return NotFound();
            case CampaignRecipientsStatus.InvalidToken:
                return InvalidToken();
        }

        var page = outcome.Page!;
        var name = view.Query("status")!;
        var reply = new CampaignRecipientsReply(
            id,
            name,
            [.. page.Rows.Select(r => new CampaignRecipientReply(r.Index, r.Email, name, r.MessageId, r.ErrorCode, r.RecordedAt?.ToString(TimeFormat, CultureInfo.InvariantCulture)))],
            page.After is { } last ? RecipientsToken.Write(last) : null);
        return ApiResponses.Json(200, reply, CampaignsJsonContext.Default.CampaignRecipientsReply);
    }

    private static APIGatewayProxyResponse Status(Campaign? campaign)
    {
        if (campaign is null)
        {
            return NotFound();
        }

        var counts = campaign.Counts;
        var done = counts.Sent + counts.Suppressed + counts.Failed;
        var reply = new CampaignStatusReply(
            campaign.Id,
            campaign.State.Name(),
            new CampaignCountsReply(counts.Total, counts.Sent, counts.Suppressed, counts.Failed, counts.Pending),
            counts.Total == 0 ? 1 : Math.Round((double)done / counts.Total, 4),
            campaign.CreatedAt.ToString(TimeFormat, CultureInfo.InvariantCulture),
            campaign.StartedAt?.ToString(TimeFormat, CultureInfo.InvariantCulture),
            campaign.FinishedAt?.ToString(TimeFormat, CultureInfo.InvariantCulture),
            [.. campaign.FailuresByReason.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).Select(f => new CampaignFailureReply(f.Key, f.Value))]);
        return ApiResponses.Json(200, reply, CampaignsJsonContext.Default.CampaignStatusReply);
    }

    private static APIGatewayProxyResponse Control(string id, CampaignControlOutcome outcome) => outcome.Status switch
    {
        CampaignControlStatus.NotFound => NotFound(),
        CampaignControlStatus.Conflict => ApiResponses.Error(
            409,
            "invalid_transition",
            "Not allowed while the campaign is " + outcome.State!.Value.Name() + ".",
            [new ApiErrorDetail("status", outcome.State!.Value.Name())]),
        _ => ApiResponses.Json(200, new CampaignControlReply(id, outcome.State!.Value.Name(), outcome.Requeued), CampaignsJsonContext.Default.CampaignControlReply),
    };

    private static APIGatewayProxyResponse Upload(CampaignUploadOutcome outcome)
        => ApiResponses.Json(
            201,
            new CampaignUploadReply(outcome.Key, outcome.Url.AbsoluteUri, "PUT", outcome.ExpiresAt.ToString(TimeFormat, CultureInfo.InvariantCulture)),
            CampaignsJsonContext.Default.CampaignUploadReply);

    private static APIGatewayProxyResponse NotFound() => ApiResponses.Error(404, "not_found", "No such campaign.");

    private static APIGatewayProxyResponse InvalidToken() => ApiResponses.Error(400, "invalid_next_token", "nextToken is not one this campaign's pages gave.");

    private static async Task ReleaseAsync(IdempotentRequest idempotent, ILambdaContext context, InvocationDeadline deadline)
    {
        if (await idempotent.ReleaseAsync(deadline.WrapUpToken).ConfigureAwait(false) is { } failure)
        {
            context.Logger.WriteError("Could not release the idempotency key.", LogField.Of("errorType", failure.GetType().Name));
        }
    }

    private static APIGatewayProxyResponse Unavailable(ILambdaContext context, string reason)
    {
        context.Logger.WriteWarning("A dependency is unavailable.", LogField.Of("reason", reason));
        var response = ApiResponses.Error(503, "unavailable", "A dependency is temporarily unavailable; nothing was changed. Please retry.");
        response.Headers!["Retry-After"] = "30";
        return response;
    }

    /// <summary>The two validators: inline recipients (CAMPAIGN_MAX_RECIPIENTS) and uploaded lists (CAMPAIGN_LIST_MAX_RECIPIENTS).</summary>
    internal sealed record Validators(SendMailValidator Inline, SendMailValidator List);
}
