namespace CrmMail.Gallery;

/// <summary>What <see cref="UploadFlow.RunAsync"/> answered: a ticket, or a refusal's reason, message and details.</summary>
public sealed record UploadOutcome(GalleryStatus Status, string? Reason, string? Message, UploadTicket? Ticket, IReadOnlyList<string>? Allowed = null);
