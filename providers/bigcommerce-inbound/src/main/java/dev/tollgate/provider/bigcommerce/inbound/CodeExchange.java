package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.api.ClientRef;
import dev.tollgate.provider.bigcommerce.inbound.InstallRefusedException.Reason;
import dev.tollgate.spi.ConfiguredClients;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Exchanges an auth callback's code for the store's access token: {@code POST
 * {oauth-url}/oauth2/token} with a JSON body ({@code client_id}, {@code client_secret}, {@code code},
 * {@code scope}, {@code grant_type=authorization_code}, {@code redirect_uri}, {@code context}),
 * through the engine's plain client (the client's timeouts, no redirects, no Tollgate filters).
 *
 * <p>BigCommerce does not publish its error body: {@code error} and {@code error_description} are
 * read when present (the RFC 6749 shape), and nothing else is relied on. A 4xx other than 429 is
 * the code refused; 429, 5xx, a redirect, no answer in time or a 2xx that is not JSON is the
 * login service unavailable; a 200 without {@code access_token} is unusable.
 */
final class CodeExchange {

    /** A token answer is a few hundred bytes: more is not read (a lying endpoint could send gigabytes). */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final int MAX_DETAIL = 200;
    /** The shortest run of a secret's characters an error text may not repeat. */
    private static final int PIECE = 8;

    private final ConfiguredClients engine;

    CodeExchange(ConfiguredClients engine) {
        this.engine = engine;
    }

    /** @throws InstallRefusedException CODE_REFUSED, LOGIN_UNAVAILABLE or ANSWER_UNUSABLE */
    TokenAnswer exchange(TenantSettings client, InstallSettings install, String code, String scope, String context) {
        ClientRef where = client.ref();
        // a read timeout bounds each read, not the answer: an endpoint sending a byte now and then
        // would hold the store's install lock for ever, so the whole answer gets the client's timeouts
        long deadline = System.nanoTime() + budget(client).toNanos();
        String body = Json.createObjectBuilder()
                .add("client_id", install.app().clientId())
                .add("client_secret", install.app().clientSecret().reveal())
                .add("code", code)
                .add("scope", scope == null ? "" : scope)
                .add("grant_type", "authorization_code")
                .add("redirect_uri", install.authCallbackUrl().toString())
                .add("context", context)
                .build().toString();
        DeadlinePost post;
        try {
            post = new DeadlinePost(engine.http(client), install.tokenUrl(), body, MAX_ANSWER_BYTES);
        } catch (ProcessingException notSent) {
            throw new InstallRefusedException(where, Reason.LOGIN_UNAVAILABLE, "BigCommerce's login service ("
                    + install.tokenUrl() + ") could not be sent the exchange (" + rootName(notSent) + "); the store was not"
                    + " installed. Nothing was stored.", null);
        }
        return answer(where, install, code, answer(where, install, post, deadline));
    }

    /** The whole answer, within the exchange's time. */
    private static DeadlinePost.Answer answer(ClientRef where, InstallSettings install, DeadlinePost post, long deadline) {
        try {
            return post.answer(deadline);
        } catch (TimeoutException slow) {
            throw unavailable(where, install, post.statusSoFar().isPresent()
                    ? "answered HTTP " + post.statusSoFar().getAsInt() + " but did not finish its answer in time"
                    : "did not answer in time");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw unavailable(where, install, "was not waited for (the thread was interrupted)");
        } catch (ExecutionException | ProcessingException failed) {
            // the cause may name the host and port; never the body sent
            throw new InstallRefusedException(where, Reason.LOGIN_UNAVAILABLE, "BigCommerce's login service ("
                    + install.tokenUrl() + ") could not be reached or did not answer in time ("
                    + rootName(failed) + "); the store was not installed. Nothing was stored.", null);
        }
    }

    private TokenAnswer answer(ClientRef where, InstallSettings install, String code, DeadlinePost.Answer answer) {
        int status = answer.status();
        Optional<JsonObject> json = answer.body().flatMap(CodeExchange::json);
        if (status >= 200 && status < 300) {
            if (json.isEmpty()) {
                throw unavailable(where, install, "answered HTTP " + status + " with no JSON object");
            }
            return parsed(where, json.get());
        }
        if (status >= 400 && status < 500 && status != 429 && !hasOauthError(json)) {
            // no RFC 6749 error: a 404 or 405 from a host that is no login service reads as a refused
            // code to the merchant, so the log says where it was sent and which key decides that
            throw new InstallRefusedException(where, Reason.CODE_REFUSED, "BigCommerce's login service refused the code"
                    + " (HTTP " + status + " from " + install.tokenUrl() + ", without an OAuth error): is tollgate." + where.client()
                    + "." + InstallSettings.OAUTH_URL + " BigCommerce's login service (default " + InstallSettings.DEFAULT_OAUTH_URL
                    + ")? Otherwise the code was used already, expired, or issued for another redirect_uri ("
                    + install.authCallbackUrl() + ") or app. Nothing was stored.", null);
        }
        if (status >= 400 && status < 500 && status != 429) {
            throw new InstallRefusedException(where, Reason.CODE_REFUSED, "BigCommerce's login service refused the code"
                    + " (HTTP " + status + detail(json, install, code) + "): it was used already, expired, or issued for"
                    + " another redirect_uri (" + install.authCallbackUrl() + ") or app. Nothing was stored.", null);
        }
        throw unavailable(where, install, "answered HTTP " + status + detail(json, install, code));
    }

    private static InstallRefusedException unavailable(ClientRef where, InstallSettings install, String what) {
        return new InstallRefusedException(where, Reason.LOGIN_UNAVAILABLE, "BigCommerce's login service ("
                + install.tokenUrl() + ") " + what + "; the store was not installed, the merchant may try again."
                + " Nothing was stored.", null);
    }

    private static TokenAnswer parsed(ClientRef where, JsonObject json) {
        Optional<String> token = text(json.get("access_token")).filter(t -> !t.isBlank());
        Optional<String> context = text(json.get("context"));
        if (token.isEmpty()) {
            throw new InstallRefusedException(where, Reason.ANSWER_UNUSABLE, "BigCommerce's login service answered"
                    + " without an access_token; the store was not installed. Nothing was stored.", null);
        }
        return new TokenAnswer(Secret.of(token.get()), context.orElse(null), text(json.get("scope")).orElse(""),
                user(json.get("user")), user(json.get("owner")), text(json.get("account_uuid")));
    }

    /** A user or owner as the answer gives it; one it leaves out is id 0, nothing else known. */
    private static InstalledStore.AppUser user(JsonValue value) {
        if (!(value instanceof JsonObject user)) {
            return new InstalledStore.AppUser(0, Optional.empty(), Optional.empty());
        }
        JsonValue id = user.get("id");
        long number = id instanceof JsonNumber n ? wholeId(n)
                : text(id).filter(s -> s.matches("[0-9]{1,18}")).map(Long::parseLong).orElse(0L);
        return new InstalledStore.AppUser(number, text(user.get("username")), text(user.get("email")));
    }

    /** A positive whole number a long holds, else 0 (unknown): 2^64 + 5 read as a long is 5, another user. */
    private static long wholeId(JsonNumber id) {
        try {
            return Math.max(0, id.longValueExact());
        } catch (ArithmeticException notAnId) {
            return 0;
        }
    }

    /**
     * The RFC 6749 {@code error} and {@code error_description}, when the answer has them: printable,
     * short, and left out if they repeat any piece of the code or the client secret.
     */
    private static boolean hasOauthError(Optional<JsonObject> json) {
        return json.flatMap(j -> text(j.get("error"))).filter(e -> !e.isBlank()).isPresent();
    }

    private static String detail(Optional<JsonObject> json, InstallSettings install, String code) {
        if (json.isEmpty()) {
            return "";
        }
        StringBuilder detail = new StringBuilder();
        text(json.get().get("error")).map(CodeExchange::printable)
                .filter(e -> safe(e, install, code)).ifPresent(e -> detail.append(", ").append(e));
        text(json.get().get("error_description")).map(CodeExchange::printable)
                .filter(d -> safe(d, install, code)).ifPresent(d -> detail.append(": ").append(d));
        return detail.toString();
    }

    /**
     * Shown only when it holds no piece of the code or the client secret: an endpoint may quote
     * them cut short (and {@link #printable} may cut a whole one short), so every run of
     * {@value #PIECE} characters of either is looked for, not only the whole.
     */
    private static boolean safe(String text, InstallSettings install, String code) {
        return !text.isEmpty() && !quotesPieceOf(text, code) && !quotesPieceOf(text, install.app().clientSecret().reveal());
    }

    private static boolean quotesPieceOf(String text, String secret) {
        int piece = Math.min(PIECE, secret.length());
        for (int start = 0; start + piece <= secret.length(); start++) {
            if (text.contains(secret.substring(start, start + piece))) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String text) {
        String shown = text.replaceAll("[^\\x20-\\x7e]", "?");
        return shown.length() > MAX_DETAIL ? shown.substring(0, MAX_DETAIL) + "..." : shown;
    }

    /** The body as a JSON object, or empty if it is none (HTML, a list, unreadable). */
    private static Optional<JsonObject> json(byte[] body) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonException | IllegalStateException notJson) {
            return Optional.empty();
        }
    }

    /** What the whole exchange may take: the client's {@code connect-timeout} plus its {@code read-timeout}. */
    static Duration budget(TenantSettings client) {
        return client.duration("connect-timeout", Duration.ofSeconds(5)).plus(client.duration("read-timeout", Duration.ofSeconds(10)));
    }

    private static Optional<String> text(JsonValue value) {
        return value instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static String rootName(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
