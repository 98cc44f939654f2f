package dev.tollgate.engine;

import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.spi.Redaction;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantKey;

/**
 * An unexpected exception of a provider's code while a stored tenant's call is authenticated (a
 * bug its {@code validate} did not catch, for values it did not expect). Its message is kept for
 * the developer, but without the tenant's secret values (careless code quotes them), on one line
 * of at most {@value #MAX_LENGTH} characters; the exception itself, which carries the original
 * message, is not chained.
 */
final class ProviderFailure {

    static final int MAX_LENGTH = 300;

    private ProviderFailure() {
    }

    static TokenAcquisitionException of(BoundClient client, ConfiguredSettings settings, RuntimeException e) {
        Secret[] secrets = client.protocol().tenantKeys().stream().filter(TenantKey::secret)
                .map(key -> settings.get(key.name()).map(Secret::of).orElse(null)).toArray(Secret[]::new);
        String said = e.getMessage() == null ? "" : Redaction.redact(e.getMessage(), secrets).lines().findFirst().orElse("");
        if (said.length() > MAX_LENGTH) {
            said = said.substring(0, MAX_LENGTH) + "...";
        }
        return new TokenAcquisitionException(settings.ref(), "the provider " + client.provider().id()
                + " failed with this tenant's values (" + e.getClass().getName() + (said.isBlank() ? "" : ": " + said)
                + "). Nothing was sent.", null);
    }
}
