package dev.tollgate.engine;

import dev.tollgate.api.CredentialsUnverifiedException;
import dev.tollgate.api.CredentialsUnverifiedException.Reason;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.Redaction;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantKey;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the vendor's answer to a verification read says about the candidate credentials: a 2xx JSON
 * answer proves them; 401, or a 403 the protocol reads as a refusal, rejects them; any other 403 is
 * about the account; everything else (3xx, 408, 429, 5xx, other statuses, a 2xx that is not JSON)
 * means the vendor could not say.
 */
final class VerificationAnswer {

    private static final int MAX_DETAIL = 300;
    /** C0, DEL and C1 controls (a terminal escape among them) and Unicode line and paragraph breaks. */
    private static final Pattern CONTROL_RUNS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");

    private VerificationAnswer() {
    }

    /**
     * @param expectsBody true for a GET: the API's answer to a read always has a body, so an empty
     *                    one (a maintenance proxy's 204, say) proves nothing
     * @param body the first bytes of the answer's body ("" for none)
     * @param sent the credentials the read carried: the vendor's explanation is cleaned of them
     * @param target the read's URL and {@code names} the names of the credentials it carried, for a refusal's message
     */
    static void judge(BoundClient client, ConfiguredSettings candidate, boolean expectsBody, int status, MediaType type, String body,
                      List<Secret> sent, URI target, List<String> names) {
        ClientProtocol protocol = client.protocol();
        if (status >= 200 && status < 300) {
            if (expectsBody && body.isEmpty()) {
                throw unavailable(candidate, "the vendor answered HTTP " + status + " with nothing, where its read always has an answer", null);
            }
            if (!body.isEmpty() && !isJson(type)) {
                // a proxy's or a captive portal's page says nothing about the credentials
                throw unavailable(candidate, "the vendor answered HTTP " + status + " with " + (type == null ? "no media type"
                        : type.getType() + "/" + type.getSubtype()) + " instead of its JSON", null);
            }
            return;
        }
        String detail = protocol.errorDetail(status, body).map(d -> shown(withoutSecrets(d, candidate, client, sent))).orElse(null);
        if (status == 401) {
            throw Refusals.byApi(candidate.ref(), target, names, 401, detail,
                    protocol.rejectionAdvice(candidate) + " Nothing was stored.");
        }
        if (status == 403) {
            var refusal = protocol.credentialRefusal(403, body);
            if (refusal.isPresent()) {
                throw Refusals.byApi(candidate.ref(), target, names, 403, shown(withoutSecrets(refusal.get(), candidate, client, sent)),
                        protocol.rejectionAdvice(candidate) + " Nothing was stored.");
            }
            throw new CredentialsUnverifiedException(candidate.ref(), Reason.ACCOUNT_PROBLEM, detail,
                    "the vendor refused the account (HTTP 403) rather than the credentials; the account holder must act at the vendor",
                    null);
        }
        if (status >= 300 && status < 400) {
            throw unavailable(candidate, "the vendor answered with a redirect (HTTP " + status
                    + "), which Tollgate never follows with credentials", null);
        }
        throw unavailable(candidate, "the vendor answered HTTP " + status, detail);
    }

    static CredentialsUnverifiedException unavailable(ConfiguredSettings candidate, String problem, String detail) {
        return new CredentialsUnverifiedException(candidate.ref(), Reason.VENDOR_UNAVAILABLE, detail,
                "could not verify the credentials: " + problem, null);
    }

    /**
     * The vendor's explanation without any spelling or piece of the candidate's secret values or
     * of the credentials obtained with them (a vendor may echo what it was sent).
     */
    static String withoutSecrets(String detail, ConfiguredSettings candidate, BoundClient client, List<Secret> obtained) {
        List<Secret> secrets = new ArrayList<>(obtained);
        for (TenantKey key : client.protocol().tenantKeys()) {
            if (key.secret()) {
                candidate.getTenantOwn(key.name()).map(Secret::of).ifPresent(secrets::add);
            }
        }
        String clean = detail;
        for (Secret s : secrets) {
            if (!s.reveal().isEmpty()) {
                clean = clean.replace(s.reveal(), s.masked());
            }
        }
        return Redaction.redact(clean, secrets.toArray(new Secret[0]));
    }

    /**
     * The explanation as a person and a log line may see it, bounded as a token endpoint's is: one
     * line (a vendor's line breaks would forge log lines), at most {@value #MAX_DETAIL} characters
     * (a stack trace is not an explanation).
     */
    static String shown(String detail) {
        String line = CONTROL_RUNS.matcher(detail).replaceAll(" ").strip();
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "…" : line;
    }

    private static boolean isJson(MediaType type) {
        return type != null && (MediaType.APPLICATION_JSON_TYPE.isCompatible(type)
                && !type.isWildcardType() && !type.isWildcardSubtype()
                || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
    }
}
