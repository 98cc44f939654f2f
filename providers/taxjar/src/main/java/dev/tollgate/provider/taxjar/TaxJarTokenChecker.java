package dev.tollgate.provider.taxjar;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateException;
import dev.tollgate.api.runtime.TenantContext;
import dev.tollgate.spi.ConfiguredClients;
import dev.tollgate.spi.HeaderSafety;
import dev.tollgate.spi.Redaction;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a merchant's TaxJar API token as TaxJar's integration guide recommends after a merchant
 * saves one: {@code GET /v2/categories}, which answers 200 for a good token, 401 for a bad one and
 * 403 for an inactive account.
 *
 * <pre>{@code
 * TokenCheck result = TaxJarTokenChecker.forClient("taxjar").check(tokenTheMerchantEntered);
 * }</pre>
 */
public final class TaxJarTokenChecker {

    private static final int MAX_BODY = 64 * 1024;

    private final ConfiguredClients engine;
    private final String client;

    private TaxJarTokenChecker(ConfiguredClients engine, String client) {
        this.engine = engine;
        this.client = client;
    }

    /** A checker using the application's engine (the CDI bean, or the standalone one). */
    public static TaxJarTokenChecker forClient(String client) {
        return new TaxJarTokenChecker(ConfiguredClients.current(), client);
    }

    /** A checker using the given engine (a test's, or one built with {@code TollgateEngine.builder()}). */
    public static TaxJarTokenChecker forClient(ConfiguredClients engine, String client) {
        return new TaxJarTokenChecker(engine, client);
    }

    /**
     * Checks a token that is not configured yet, such as one a merchant just typed in, against the
     * client's {@code base-url}. A blank or malformed token is reported as rejected without a request.
     */
    public TokenCheck check(String candidateToken) {
        if (candidateToken == null || candidateToken.isBlank() || !HeaderSafety.isSafe(candidateToken)
                || candidateToken.trim().contains(" ")) {
            return new TokenCheck(TokenCheck.Outcome.REJECTED, 0,
                    "the token is empty or holds characters a TaxJar API token never has; nothing was sent");
        }
        Secret candidate = Secret.of(candidateToken.trim());
        TenantSettings settings = engine.settings(client, "");
        ApiVersion version = ApiVersion.from(settings).orElse(null);
        Client http = engine.http(settings);
        try {
            Invocation.Builder request = http.target(categories(settings.baseUrl())).request()
                    .header("Authorization", "Bearer " + candidate.reveal());
            if (version != null) {
                request.header(ApiVersion.HEADER, version.value());
            }
            try (Response response = request.get()) {
                return fromResponse(response, candidate);
            }
        } catch (ProcessingException e) {
            return unreachable(e);
        } finally {
            http.close();
        }
    }

    /**
     * Checks the token configured for {@code tenant}, or the client's own for {@code ""}: that
     * holds inside {@code Tollgate.withTenant} too, whose tenant this check ignores.
     */
    public TokenCheck checkConfigured(String tenant) {
        Objects.requireNonNull(tenant, "tenant (\"\" for the client's own token)");
        TenantSettings settings = engine.settings(client, tenant);
        // what a vendor's explanation could echo; the request carries it only when it is configured
        Secret configured = settings.getTenantOwn(TaxJarProvider.API_TOKEN_KEY).map(Secret::of).orElse(null);
        Client http = engine.http(settings).register(engine.feature(client));
        // the request property selects a tenant; "no tenant" has no property, so the scope is set aside instead
        TenantContext.Scope scoped = tenant.isEmpty() ? TenantContext.enter(null) : null;
        try (Response response = http.target(categories(settings.baseUrl())).request()
                .property(Tollgate.TENANT_PROPERTY, tenant.isEmpty() ? null : tenant)
                .get()) {
            return fromResponse(response, configured);
        } catch (ProcessingException e) {
            // some JAX-RS runtimes wrap what a response filter throws: look inside
            Optional<TollgateException> tollgate = TollgateException.in(e);
            if (tollgate.isPresent() && tollgate.get() instanceof CredentialsRejectedException rejected) {
                return new TokenCheck(TokenCheck.Outcome.REJECTED, rejected.status(),
                        Redaction.redact(rejected.vendorDetail().orElse(null), configured));
            }
            if (tollgate.isPresent()) {
                throw tollgate.get(); // configuration problems are not the token's fault: report them as they are
            }
            return unreachable(e);
        } finally {
            if (tenant.isEmpty()) {
                TenantContext.restore(scoped);
            }
            http.close();
        }
    }

    /** The result of TaxJar's answer; {@code sent} (the token checked) is removed from its explanation. */
    private static TokenCheck fromResponse(Response response, Secret sent) {
        int status = response.getStatus();
        if (status == 200) {
            return new TokenCheck(TokenCheck.Outcome.VALID, status, null);
        }
        String detail = response.hasEntity()
                ? TaxJarError.parse(firstBytes(response)).map(TaxJarError::explanation)
                        .map(d -> Redaction.redact(d, sent)).orElse(null)
                : null;
        return switch (status) {
            case 401 -> new TokenCheck(TokenCheck.Outcome.REJECTED, status, detail);
            case 403 -> new TokenCheck(TokenCheck.Outcome.ACCOUNT_PROBLEM, status, detail);
            default -> new TokenCheck(TokenCheck.Outcome.UNREACHABLE, status,
                    "TaxJar answered HTTP " + status + (detail == null ? "" : ": " + detail)
                            + "; the token could not be checked, try again later");
        };
    }

    /** The first 64 KiB of the body, enough for any explanation: a body without end is not read into memory. */
    private static String firstBytes(Response response) {
        try (InputStream in = response.readEntity(InputStream.class)) {
            return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProcessingException(e);
        }
    }

    private static TokenCheck unreachable(ProcessingException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new TokenCheck(TokenCheck.Outcome.UNREACHABLE, 0,
                "TaxJar could not be reached: " + cause.getClass().getSimpleName());
    }

    private static URI categories(URI baseUrl) {
        return UriBuilder.fromUri(baseUrl).path("categories").build();
    }
}
