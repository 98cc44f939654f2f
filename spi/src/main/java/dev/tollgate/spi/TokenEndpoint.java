package dev.tollgate.spi;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends a token request and reads the answer, so that every provider classifies failures the
 * same way: a 2xx body comes back, anything else is a {@link TokenEndpointException}.
 */
public final class TokenEndpoint {

    private static final int MAX_BODY = 64 * 1024;

    private TokenEndpoint() {
    }

    /**
     * Sends a token request and returns the answer's text.
     *
     * @param request     the request, e.g. {@code http.target(url).request().build("POST", Entity.form(form))}
     * @param errorDetail reads the vendor's explanation out of an error body
     * @param sent        the secrets the request carries, removed from that explanation in every
     *                    spelling ({@link Redaction}); include the {@link Secret#basic} value of a
     *                    Basic header
     */
    public static String send(Invocation request, Function<String, Optional<String>> errorDetail, Secret... sent) {
        Response response;
        try {
            response = request.invoke();
        } catch (ProcessingException e) {
            throw TokenEndpointException.unreachable(e);
        }
        try (response) {
            String text = readText(response);
            if (response.getStatus() / 100 == 2) {
                return text;
            }
            // secrets out first, then shortened: a cut through a secret would leave a piece no
            // search for the whole secret finds; out again once on one line, since a secret with
            // spaces echoed with tabs or line breaks for them reads as itself only then
            String detail = text.isEmpty() ? null
                    : errorDetail.apply(text).map(d -> Redaction.redact(d, sent)).map(UntrustedText::oneLine)
                            .map(d -> Redaction.redact(d, sent)).map(d -> UntrustedText.bounded(d, 300)).orElse(null);
            throw TokenEndpointException.ofStatus(response.getStatus(), retryAfter(response), detail);
        }
    }

    /** Parses a JSON answer into {@code type} (a public class or record), or reports it unusable. */
    public static <T> T json(String body, Class<T> type) {
        try {
            T parsed = Json.INSTANCE.fromJson(body, type);
            if (parsed == null) {
                throw TokenEndpointException.invalidResponse("an empty body");
            }
            return parsed;
        } catch (JsonbException | ClassCastException | IllegalArgumentException e) {
            // the parser's message may quote the body, and the body holds the token: not passed on
            throw TokenEndpointException.invalidResponse("not the expected JSON");
        }
    }

    /** An error body's explanation as JSON-B reads it, or empty when the body is not that JSON. */
    public static <T> Optional<T> errorJson(String body, Class<T> type) {
        try {
            return Optional.ofNullable(Json.INSTANCE.fromJson(body, type));
        } catch (JsonbException | ClassCastException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String readText(Response response) {
        if (!response.hasEntity()) {
            return "";
        }
        // the first 64 KiB only: a body without end (or of any size) is not read into memory
        try (InputStream in = response.readEntity(InputStream.class)) {
            return new String(in.readNBytes(MAX_BODY), charset(response));
        } catch (ProcessingException | IOException e) {
            throw TokenEndpointException.unreachable(e);
        }
    }

    /** The answer's charset, UTF-8 when it names none (JSON's) or one this JVM does not know. */
    private static Charset charset(Response response) {
        String name = response.getMediaType() == null ? null : response.getMediaType().getParameters().get(MediaType.CHARSET_PARAMETER);
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * How long the vendor asks to wait: {@code Retry-After}, else {@code X-Retry-After}
     * (BigCommerce's name for it, see providers/bigcommerce/PROTOCOL.md).
     */
    private static Duration retryAfter(Response response) {
        Duration standard = retryAfter(response.getHeaderString("Retry-After"));
        return standard != null ? standard : retryAfter(response.getHeaderString("X-Retry-After"));
    }

    /** {@code Retry-After} in seconds; an HTTP-date or garbage is ignored (the engine's backoff applies). */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final class Json {
        static final Jsonb INSTANCE = JsonbBuilder.create(new JsonbConfig().withAdapters(new WholeNumber()));
    }

    /**
     * Reads a {@code Long} (the answers' times and lifetimes) through its exact decimal value, a
     * fraction cut off, and refuses one beyond a long's range: JSON-B alone wraps it around, and
     * 2^64 + 3600 seconds would become an hour.
     */
    private static final class WholeNumber implements JsonbAdapter<Long, BigDecimal> {
        @Override
        public BigDecimal adaptToJson(Long value) {
            return value == null ? null : BigDecimal.valueOf(value);
        }

        @Override
        public Long adaptFromJson(BigDecimal value) {
            if (value == null) {
                return null; // "expires_in": null is a missing lifetime, reported as such by Expiry
            }
            try {
                return value.setScale(0, RoundingMode.DOWN).longValueExact();
            } catch (ArithmeticException e) {
                throw new JsonbException("not a whole number a long holds");
            }
        }
    }
}
