using System.Text.Json;
using CrmMail.Kernel;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrmMail.Identity;

/// <summary>
/// Verifies Firebase ID tokens as Firebase's "verify ID tokens using a third-party JWT
/// library" checklist asks: RS256, a kid Google publishes, the signature, aud = project,
/// iss = https://securetoken.google.com/&lt;project&gt;, exp in the future, iat and auth_time
/// in the past, sub of 1 to 128 characters, with 5 minutes of clock skew; then
/// email_verified. The signature is Microsoft.IdentityModel's; the time checks use the
/// injected clock (FirebaseAdmin skips auth_time; Firebase's checklist requires it).
/// </summary>
public sealed class FirebaseTokenVerifier : IIdentityVerifier
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly IFirebaseCertificateSource _certificates;
    private readonly string _projectId;
    private readonly string _issuer;
    private readonly TimeProvider _timeProvider;
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Creates a verifier for <paramref name="projectId"/> (the Firebase project id).</summary>
    public FirebaseTokenVerifier(IFirebaseCertificateSource certificates, string projectId, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _certificates = certificates;
        _projectId = projectId;
        _issuer = "https://securetoken.google.com/" + projectId;
        _timeProvider = timeProvider;
    }

    /// <summary>Verifies <paramref name="idToken"/>. Certificate fetch failures throw <see cref="CrmMail.Kernel.DependencyUnavailableException"/>.</summary>
    public async Task<FirebaseVerification> VerifyAsync(string? idToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(idToken) || idToken.Length > 8192 || idToken.Count(c => c == '.') != 2)
        {
            return FirebaseVerification.Rejected(FirebaseRejection.Malformed);
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(idToken);
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenMalformedException or JsonException or FormatException)
        {
            return FirebaseVerification.Rejected(FirebaseRejection.Malformed);
        }

        if (jwt.Alg != SecurityAlgorithms.RsaSha256)
        {
            return FirebaseVerification.Rejected(FirebaseRejection.WrongAlgorithm);
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return FirebaseVerification.Rejected(FirebaseRejection.UnknownKey);
        }

        var keys = await _certificates.GetKeysAsync(forceRefresh: false, cancellationToken).ConfigureAwait(false);
        if (!keys.TryGetValue(jwt.Kid, out var key))
        {
            // Google rotates keys; one refresh before refusing.
            keys = await _certificates.GetKeysAsync(forceRefresh: true, cancellationToken).ConfigureAwait(false);
            if (!keys.TryGetValue(jwt.Kid, out key))
            {
                return FirebaseVerification.Rejected(FirebaseRejection.UnknownKey);
            }
        }

        var signature = await _handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            TryAllIssuerSigningKeys = false,
            // Claims and times are checked below, with the injected clock.
            ValidateAudience = false,
            ValidateIssuer = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireAudience = false,
        }).ConfigureAwait(false);
        if (!signature.IsValid)
        {
            return FirebaseVerification.Rejected(FirebaseRejection.BadSignature);
        }

        return CheckClaims(jwt);
    }

    /// <inheritdoc />
    /// <remarks>The actor is <c>firebase:&lt;uid&gt;</c>; an unverified email address is told apart from every other refusal (403, not 401).</remarks>
    async Task<IdentityCheck> IIdentityVerifier.CheckAsync(string bearerToken, CancellationToken cancellationToken)
    {
        var verification = await VerifyAsync(bearerToken, cancellationToken).ConfigureAwait(false);
        return verification.IsValid
            ? new IdentityCheck(IdentityVerdict.Verified, "firebase:" + verification.Identity.Uid) { Subject = verification.Identity.Uid, Claims = verification.Identity.Claims }
            : new IdentityCheck(verification.Rejection == FirebaseRejection.EmailNotVerified ? IdentityVerdict.EmailNotVerified : IdentityVerdict.Invalid);
    }

    private FirebaseVerification CheckClaims(JsonWebToken jwt)
    {
        var audiences = jwt.Audiences.ToList();
        if (audiences.Count != 1 || audiences[0] != _projectId)
        {
            return FirebaseVerification.Rejected(FirebaseRejection.WrongAudience);
        }

        if (jwt.Issuer != _issuer)
        {
            return FirebaseVerification.Rejected(FirebaseRejection.WrongIssuer);
        }

        var now = _timeProvider.GetUtcNow();
        // now - skew, not exp + skew: an exp in the last minutes of year 9999 must not overflow.
        if (!TryEpoch(jwt, "exp", out var expires) || now - ClockSkew > expires)
        {
            return FirebaseVerification.Rejected(FirebaseRejection.Expired);
        }

        if (!TryEpoch(jwt, "iat", out var issuedAt) || issuedAt > now + ClockSkew)
        {
            return FirebaseVerification.Rejected(FirebaseRejection.IssuedInFuture);
        }

        if (!TryEpoch(jwt, "auth_time", out var authTime) || authTime > now + ClockSkew)
        {
            return FirebaseVerification.Rejected(FirebaseRejection.AuthTimeInFuture);
        }

        var subject = jwt.Subject;
        if (string.IsNullOrEmpty(subject) || subject.Length > 128)
        {
            return FirebaseVerification.Rejected(FirebaseRejection.BadSubject);
        }

        if (!jwt.TryGetPayloadValue<bool>("email_verified", out var verified) || !verified)
        {
            return FirebaseVerification.Rejected(FirebaseRejection.EmailNotVerified);
        }

        jwt.TryGetPayloadValue<string>("email", out var email);
        // Array claims (roles: ["a","b"]) arrive as one Claim per element; booleans as "true"/"false".
        var claims = jwt.Claims.GroupBy(c => c.Type, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(c => c.Value).ToList(), StringComparer.Ordinal);
        return FirebaseVerification.Valid(new FirebaseIdentity(subject, email) { Claims = claims });
    }

    private static bool TryEpoch(JsonWebToken jwt, string claim, out DateTimeOffset value)
    {
        value = default;
        if (jwt.TryGetPayloadValue<long>(claim, out var seconds) && seconds > 0 && seconds < 253402300799)
        {
            value = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return false;
    }
}
