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
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

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
        Client http = engine.http(client);
        try {
            Response response;
            try {
                response = http.target(install.tokenUrl()).request(MediaType.APPLICATION_JSON_TYPE)
                        .post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
            } catch (ProcessingException unreachable) {
                // the cause may name the host and port; never the body sent
                throw new InstallRefusedException(where, Reason.LOGIN_UNAVAILABLE, "BigCommerce's login service ("
                        + install.tokenUrl() + ") could not be reached or did not answer in time ("
                        + rootName(unreachable) + "); the store was not installed. Nothing was stored.", null);
            }
            try (response) {
                return answer(where, install, code, response, deadline);
            }
        } finally {
            http.close();
        }
    }

    private TokenAnswer answer(ClientRef where, InstallSettings install, String code, Response response, long deadline) {
        int status = response.getStatus();
        Optional<JsonObject> json;
        try {
            json = json(response, deadline);
        } catch (SlowAnswer slow) {
            throw unavailable(where, install, "answered HTTP " + status + " but did not finish its answer in time");
        }
        if (status >= 200 && status < 300) {
            if (json.isEmpty()) {
                throw unavailable(where, install, "answered HTTP " + status + " with no JSON object");
            }
            return parsed(where, json.get());
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
        long number = id instanceof JsonNumber n ? n.longValue()
                : text(id).filter(s -> s.matches("[0-9]{1,18}")).map(Long::parseLong).orElse(0L);
        return new InstalledStore.AppUser(number, text(user.get("username")), text(user.get("email")));
    }

    /**
     * The RFC 6749 {@code error} and {@code error_description}, when the answer has them: printable,
     * short, and left out if they repeat the code or the client secret.
     */
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

    private static boolean safe(String text, InstallSettings install, String code) {
        return !text.isEmpty() && !text.contains(code) && !text.contains(install.app().clientSecret().reveal());
    }

    private static String printable(String text) {
        String shown = text.replaceAll("[^\\x20-\\x7e]", "?");
        return shown.length() > MAX_DETAIL ? shown.substring(0, MAX_DETAIL) + "..." : shown;
    }

    /** The answer as a JSON object, or empty if it is none (HTML, too long, unreadable). */
    private static Optional<JsonObject> json(Response response, long deadline) throws SlowAnswer {
        if (!response.hasEntity()) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = response.readEntity(InputStream.class)) {
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) >= 0; ) {
                bytes.write(chunk, 0, n);
                if (bytes.size() > MAX_ANSWER_BYTES) {
                    return Optional.empty();
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new SlowAnswer();
                }
            }
        } catch (IOException | ProcessingException e) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes.toByteArray()))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonException | IllegalStateException notJson) {
            return Optional.empty();
        }
    }

    /** An answer still arriving when the exchange's time was up. */
    private static final class SlowAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        SlowAnswer() {
            super(null, null, false, false);
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
