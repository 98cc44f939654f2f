package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.HeaderSafety;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/** {@link TenantSettings} read from MicroProfile Config; immutable once built. */
final class ConfiguredSettings implements TenantSettings {

    /**
     * What to do about a refused credential of a stored tenant: the providers' advice names
     * configuration keys, which do not hold this tenant's values.
     */
    static final String STORED_REJECTION_ADVICE = "This tenant's credentials come from the tenant store: save the tenant"
            + " again with credentials the vendor accepts (TenantCredentials.save).";

    private final Config config;
    private final ClientRef ref;
    /** Null when neither {@code base-url} nor a default exists: tenants may still set their own. */
    private final URI baseUrl;
    /**
     * A tenant's own values when they come from the tenant store rather than configuration; null
     * for the client itself and for tenants defined in configuration.
     */
    private final Map<String, String> stored;
    /** The protocol's allowed origins for these settings, worked out once. */
    private volatile List<URI> origins;
    /** The client's TLS context and certificate, the same for all its tenants; null for the JVM's defaults. */
    private final ClientTls tls;

    private ConfiguredSettings(Config config, ClientRef ref, Map<String, String> stored, Optional<URI> defaultBaseUrl, ClientTls tls) {
        this.config = config;
        this.ref = ref;
        this.stored = stored;
        this.tls = tls;
        this.baseUrl = readBaseUrl(defaultBaseUrl).orElse(null);
    }

    static ConfiguredSettings forClient(Config config, ClientRef ref, Optional<URI> defaultBaseUrl) {
        return new ConfiguredSettings(config, ref, null, defaultBaseUrl, null);
    }

    /** These client settings with the client's TLS settings, which its tenants then share. */
    ConfiguredSettings withTls(ClientTls clientTls, Optional<URI> defaultBaseUrl) {
        return new ConfiguredSettings(config, ref, stored, defaultBaseUrl, clientTls);
    }

    ConfiguredSettings forTenant(String tenant, Optional<URI> defaultBaseUrl) {
        return new ConfiguredSettings(config, ref.withTenant(tenant), null, defaultBaseUrl, tls);
    }

    /** A tenant whose own values are {@code values} (from the tenant store), over this client's settings. */
    ConfiguredSettings forStoredTenant(String tenant, Map<String, String> values, Optional<URI> defaultBaseUrl) {
        return new ConfiguredSettings(config, ref.withTenant(tenant), Map.copyOf(values), defaultBaseUrl, tls);
    }

    /** The client's TLS settings; null when it has none (the JVM's defaults apply). */
    ClientTls tls() {
        return tls;
    }

    /** True when the tenant's own values come from the tenant store. */
    boolean isStored() {
        return stored != null;
    }

    @Override
    public ClientRef ref() {
        return ref;
    }

    /**
     * @throws TollgateConfigException when neither this tenant nor its client has a {@code base-url}
     *         and the provider has no default
     */
    @Override
    public URI baseUrl() {
        if (baseUrl == null && stored != null) {
            throw new TollgateConfigException(ref, ConfigKeys.clientKey(ref.client(), ConfigKeys.BASE_URL)
                    + " is not set, this tenant stores none and this provider has no default; set it to the API's base URL.");
        }
        if (baseUrl == null) {
            throw new TollgateConfigException(ref, ConfigKeys.clientKey(ref.client(), ConfigKeys.BASE_URL) + " (or "
                    + ConfigKeys.tenantKey(ref.client(), ref.tenant().orElse("<tenant>"), ConfigKeys.BASE_URL)
                    + ") is not set and this provider has no default; set it to the API's base URL.");
        }
        return baseUrl;
    }

    @Override
    public Optional<String> get(String key) {
        Optional<String> own = ownValue(key);
        return own.isPresent() ? own : clientValue(key);
    }

    @Override
    public String require(String key, String hint) {
        return get(key).orElseThrow(() -> missing(key, hint, true));
    }

    @Override
    public Secret requireSecret(String key, String hint) {
        return checked(key, require(key, hint));
    }

    @Override
    public Secret requireTenantSecret(String key, String hint) {
        return checked(key, ownValue(key).or(() -> ref.tenant().isEmpty() ? clientValue(key) : Optional.empty())
                .orElseThrow(() -> missing(key, hint, false)));
    }

    @Override
    public String requireTenantOwn(String key, String hint) {
        return getTenantOwn(key).orElseThrow(() -> missing(key, hint, false));
    }

    @Override
    public Optional<String> getTenantOwn(String key) {
        return ref.tenant().isPresent() ? ownValue(key) : clientValue(key);
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            Duration d = Duration.parse(raw.get().trim());
            if (d.isNegative()) {
                throw invalid(key, "must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw invalid(key, "is not an ISO-8601 duration such as PT30S or PT5M");
        }
    }

    /**
     * For a stored tenant, a key it stores is named as such ("the tenant's 'api-token'"), and
     * any other key by the client's configuration key, where its value comes from: a message never
     * tells the administrator to set a tenant key that the tenant store overrides.
     */
    @Override
    public String keyName(String key) {
        if (stored != null) {
            return stored.containsKey(key) ? storedName(key) : ConfigKeys.clientKey(ref.client(), key);
        }
        return ref.tenant().map(t -> ConfigKeys.tenantKey(ref.client(), t, key))
                .orElseGet(() -> ConfigKeys.clientKey(ref.client(), key));
    }

    @Override
    public TollgateConfigException invalid(String key, String problem) {
        return new TollgateConfigException(ref, sourceOf(key) + " " + problem + ".");
    }

    /** The key a value is read from: the tenant's own when it has one, else the client's. */
    String sourceOf(String key) {
        if (stored != null) {
            return ownValue(key).isPresent() ? storedName(key) : ConfigKeys.clientKey(ref.client(), key);
        }
        return ownValue(key).isPresent() || ref.tenant().isEmpty()
                ? keyName(key) : ConfigKeys.clientKey(ref.client(), key);
    }

    /** A stored tenant's own key, as messages name it: at save time and when calls use it. */
    private static String storedName(String key) {
        return "the tenant's '" + key + "'";
    }

    /** Where credentials of these settings may go: the protocol's list, checked once and kept. */
    List<URI> allowedOrigins(ClientProtocol protocol) {
        List<URI> known = origins;
        if (known == null) {
            known = List.copyOf(protocol.allowedOrigins(this));
            for (URI origin : known) {
                String problem = OriginPolicy.problemWithBaseUrl(origin);
                if (problem != null) {
                    throw new TollgateConfigException(ref, "the credentials would go to " + OriginPolicy.printable(origin)
                            + ", which " + problem + ".");
                }
            }
            origins = known;
        }
        return known;
    }

    /** The advice for a refused credential of these settings. */
    String rejectionAdvice(ClientProtocol protocol) {
        return stored != null ? STORED_REJECTION_ADVICE : protocol.rejectionAdvice(this);
    }

    /** Where the base URL comes from, for messages: a key, or the provider's default. */
    String baseUrlSource() {
        return get(ConfigKeys.BASE_URL).isPresent() ? sourceOf(ConfigKeys.BASE_URL) : "the provider's default base URL";
    }

    private Optional<String> ownValue(String key) {
        if (stored != null) {
            return Optional.ofNullable(stored.get(key)).filter(v -> !v.isBlank());
        }
        return ref.tenant().isPresent() ? read(keyName(key)) : clientValue(key);
    }

    private Optional<String> clientValue(String key) {
        return read(ConfigKeys.clientKey(ref.client(), key));
    }

    private Optional<String> read(String fullKey) {
        return config.getOptionalValue(fullKey, String.class).filter(v -> !v.isBlank());
    }

    private Secret checked(String key, String value) {
        if (!HeaderSafety.isSafe(value)) {
            throw invalid(key, "contains a line break or another control character, which is never sent"
                    + " in a header; set the value again without it");
        }
        return Secret.of(value);
    }

    private TollgateConfigException missing(String key, String hint, boolean inherits) {
        if (stored != null) {
            String alternative = inherits ? " (or set " + ConfigKeys.clientKey(ref.client(), key) + " for every tenant)" : "";
            return new TollgateConfigException(ref, "no " + hint + " is stored for this tenant: save the tenant with a value for '"
                    + key + "'" + alternative + ".");
        }
        String alternative = inherits && ref.tenant().isPresent()
                ? " (or " + ConfigKeys.clientKey(ref.client(), key) + " for every tenant)" : "";
        return new TollgateConfigException(ref, "no " + hint + " is configured: set "
                + keyName(key) + alternative + ".");
    }

    @Override
    public URI requireUrl(String key, String hint) {
        return checkedUrl(key, require(key, hint));
    }

    /** The configured or default base URL; a configured one that is unsafe fails at once. */
    private Optional<URI> readBaseUrl(Optional<URI> defaultBaseUrl) {
        return get(ConfigKeys.BASE_URL).map(raw -> checkedUrl(ConfigKeys.BASE_URL, raw)).or(() -> defaultBaseUrl);
    }

    private URI checkedUrl(String key, String raw) {
        URI url;
        try {
            url = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw invalid(key, "is not a valid URL");
        }
        String problem = OriginPolicy.problemWithBaseUrl(url);
        if (problem != null) {
            throw invalid(key, problem);
        }
        return url;
    }

    @Override
    public String toString() {
        return "TenantSettings[" + ref.describe() + ", base-url "
                + (baseUrl == null ? "not set" : OriginPolicy.origin(baseUrl)) + "]";
    }
}
