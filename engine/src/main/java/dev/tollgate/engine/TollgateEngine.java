package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TenantDirectory;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.cluster.SharedMap;
import dev.tollgate.engine.observe.HealthReport;
import dev.tollgate.engine.observe.Measurement;
import dev.tollgate.engine.observe.MetricsSink;
import dev.tollgate.engine.store.TenantStore;
import dev.tollgate.api.runtime.TenantContext;
import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.ConfiguredClients;
import dev.tollgate.spi.DeploymentCheck;
import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Feature;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.config.Config;

/**
 * The token engine: binds named clients from MicroProfile Config to their providers, owns the
 * credential cache, and makes the JAX-RS {@link Feature} that authenticates a client's calls.
 * In a CDI container one instance lives in an application-scoped bean; in plain Java build one
 * with {@link #builder()} and keep it.
 */
public final class TollgateEngine implements ConfiguredClients {

    private static final Pattern PROVIDER_KEY = Pattern.compile("tollgate\\.([^.]+)\\.provider");

    /** Global key: how many credentials (client × tenant × credential) the cache holds at most. */
    public static final String MAX_CACHED = "tollgate.max-cached-credentials";
    static final int DEFAULT_MAX_CACHED = 10_000;
    /** Global key: how often a stored tenant held in memory is compared with the tenant store (ISO-8601). */
    public static final String STORE_REFRESH_INTERVAL = "tollgate.store.refresh-interval";
    static final Duration DEFAULT_STORE_REFRESH_INTERVAL = Duration.ofSeconds(30);
    /** Global key: true to tag metrics with the tenant too (tenants can be many); default false. */
    public static final String METRICS_PER_TENANT = "tollgate.metrics.per-tenant";

    private static final Logger LOG = Logger.getLogger(TollgateEngine.class.getName());

    private final Config config;
    /** See {@link #propertyNames()}; a benign race: two first readers read the same names. */
    private volatile Set<String> propertyNames;
    private final ProviderRegistry providers;
    /** Where providers, and their deployment checks, are found. */
    private final ClassLoader providerLoader;
    private final CredentialCache cache;
    private final Sleeper sleeper;
    private final ExecutorService ownExecutor;
    private final Map<String, BoundClient> clients = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StoreAccess store;
    private final TenantDirectory tenantDirectory;

    private TollgateEngine(Config config, ProviderRegistry providers, ClassLoader providerLoader, Clock clock,
                           Executor executor, Sleeper sleeper, int maxCached, StoreAccess store, EngineEvents events) {
        this.config = config;
        this.store = store;
        this.tenantDirectory = new EngineTenantDirectory(this::bind, store, closed::get);
        this.providers = providers;
        this.providerLoader = providerLoader;
        this.sleeper = sleeper;
        // fetches that callers wait for run on threads of the engine's own, never in a queue behind
        // other work (a server's managed executor may have two threads and a queue); refreshes
        // nobody waits for run on the executor given, when there is one
        this.ownExecutor = RefreshThreads.newExecutor();
        this.cache = new CredentialCache(clock, ownExecutor, executor == null ? ownExecutor : executor, maxCached, events);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The feature that authenticates calls of {@code client}. Binds the client on first use, so a
     * missing provider, unknown provider id or bad {@code base-url} fails here, before any call.
     */
    @Override
    public Feature feature(String client) {
        return new TollgateFeature(bind(client), cache, sleeper);
    }

    /** The settings a call of {@code client} for {@code tenant} ({@code ""} for none) sees. */
    @Override
    public TenantSettings settings(String client, String tenant) {
        if (!tenant.isEmpty() && !TenantContext.isValidName(tenant)) {
            throw new IllegalArgumentException("not a valid tenant name: use letters, digits, '-' and '_'");
        }
        return bind(client).settings(tenant);
    }

    /**
     * The TLS context of {@code client} ({@code tls-key-store}, {@code tls-trust-store}) for the
     * application's own JAX-RS clients: {@code ClientBuilder.newBuilder().sslContext(...)}.
     *
     * @throws TollgateConfigException when the client is not configured, or sets neither store
     */
    public SSLContext sslContext(String client) {
        BoundClient bound = bind(client);
        ClientTls tls = bound.tls();
        if (tls == null) {
            throw new TollgateConfigException(bound.ref(), "neither " + ConfigKeys.clientKey(client, ClientTls.KEY_STORE.store())
                    + " nor " + ConfigKeys.clientKey(client, ClientTls.TRUST_STORE.store()) + " is set: its calls use the"
                    + " JVM's default TLS settings, and need no TLS context from Tollgate.");
        }
        return tls.context();
    }

    /** {@link #sslContext} when the client has TLS settings of its own; empty otherwise. */
    public Optional<SSLContext> tlsContext(String client) {
        return Optional.ofNullable(bind(client).tls()).map(ClientTls::context);
    }

    @Override
    public Client http(TenantSettings settings) {
        return TollgateHttp.newClient(settings);
    }

    public CredentialCache cache() {
        return cache;
    }

    /**
     * The tenants applications onboard while they run, per client ({@code tenant-store=database}):
     * what {@code Tollgate.tenants(client)} and an injected {@link TenantDirectory} use.
     */
    public TenantDirectory tenants() {
        return tenantDirectory;
    }

    @Override
    public TenantDirectory tenantDirectory() {
        return tenantDirectory;
    }

    /**
     * Revokes the credentials that ask to be revoked at shutdown, answers every caller still
     * waiting for a credential, refuses later calls, drops every credential it holds (clients the
     * application keeps must not keep them reachable), and stops the engine's own fetch threads
     * (not an executor it was given).
     */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        cache.close(ClientRef.client("*"));
        SharedCredentials tier = cache.shared();
        if (tier != null) {
            tier.close();
        }
        clients.values().forEach(BoundClient::forgetTenants);
        ownExecutor.shutdownNow();
        cache.events().engineClosed();
    }

    /**
     * Shares this engine's fetched credentials through {@code tier}, and acts on what other
     * nodes change: a shared copy replaced or dropped, a stored tenant saved or removed.
     */
    private void joinCluster(SharedCredentials tier) {
        tier.compareClientsBy(this::clientConfiguration);
        cache.shareWith(tier);
        tier.listen(new SharedCredentials.Changes() {
            @Override
            public void credentialChanged(CredentialKey key, String newId, BooleanSupplier opensHere) {
                cache.sharedCopyChanged(key, newId, opensHere);
            }

            @Override
            public void tenantChanged(String client, String tenant) {
                BoundClient bound = clients.get(client);
                if (bound != null && !closed.get()) {
                    bound.dropStored(tenant);
                }
            }
        });
        LOG.info(() -> "Tollgate shares credentials with the other servers of the cluster through " + tier.describe());
    }

    /** The clients that have a {@code tollgate.<client>.provider} key. */
    @Override
    public Set<String> clients() {
        Set<String> names = new TreeSet<>();
        for (String property : propertyNames()) {
            Matcher m = PROVIDER_KEY.matcher(property);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * Checks a client completely: its provider, base URL and every key each configured tenant
     * (or, with no tenants, the client itself) needs. Returns every problem found, not just the first.
     */
    public List<TollgateConfigException> validate(String client) {
        List<TollgateConfigException> problems = new ArrayList<>();
        BoundClient bound;
        try {
            bound = bind(client);
        } catch (TollgateConfigException e) {
            return List.of(e);
        }
        if (bound.keepsStoredTenants()) {
            problems.addAll(storeProblems(bound));
        }
        Set<String> tenants = bound.tenants();
        problems.addAll(TenantNames.problems(bound.ref(), tenants));
        // the client's own keys are checked when calls may use them: no tenants, and none stored either
        List<String> scopes = !tenants.isEmpty() ? List.copyOf(tenants)
                : bound.keepsStoredTenants() && bound.tenantRequired() ? List.of() : List.of("");
        if (scopes.isEmpty()) {
            try {
                EngineKeys.validate(bound.settings(""), bound.protocol());
            } catch (TollgateConfigException e) {
                problems.add(e);
            }
        }
        for (String tenant : scopes) {
            if (!tenant.isEmpty() && !TenantContext.isValidName(tenant)) {
                continue; // reported above
            }
            try {
                ConfiguredSettings settings = bound.settings(tenant);
                settings.baseUrl();
                settings.allowedOrigins(bound.protocol());
                EngineKeys.validate(settings, bound.protocol());
                bound.protocol().validate(settings);
            } catch (TollgateConfigException e) {
                problems.add(e);
            }
        }
        return problems;
    }

    /**
     * What a client that keeps tenants in the tenant store needs: a provider that says which keys
     * a tenant stores, and a store configuration that can work (checked without opening it).
     */
    private List<TollgateConfigException> storeProblems(BoundClient bound) {
        List<TollgateConfigException> problems = new ArrayList<>();
        if (bound.protocol().tenantKeys().isEmpty()) {
            problems.add(new TollgateConfigException(bound.ref(), ConfigKeys.clientKey(bound.name(), ConfigKeys.TENANT_STORE)
                    + " is database, but the provider " + bound.provider().id() + " cannot store tenants (it names no"
                    + " tenant keys); set it to config and configure the tenants instead."));
        }
        try {
            storeRefreshInterval();
        } catch (TollgateConfigException e) {
            problems.add(e);
        }
        problems.addAll(store.configProblems());
        return problems;
    }

    /**
     * {@code tollgate.store.refresh-interval}: at least a millisecond, at most a day.
     *
     * @throws TollgateConfigException naming the key when it is not such a duration
     */
    private Duration storeRefreshInterval() {
        Optional<String> raw = config.getOptionalValue(STORE_REFRESH_INTERVAL, String.class).map(String::trim)
                .filter(v -> !v.isEmpty());
        if (raw.isEmpty()) {
            return DEFAULT_STORE_REFRESH_INTERVAL;
        }
        try {
            Duration interval = Duration.parse(raw.get());
            // in whole milliseconds, as the engine's re-checks count: PT0.0001S would be zero, a read per call
            if (interval.compareTo(Duration.ofMillis(1)) >= 0 && interval.compareTo(Duration.ofDays(1)) <= 0) {
                return interval;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new TollgateConfigException(ClientRef.client("*"), STORE_REFRESH_INTERVAL
                + " is not an ISO-8601 duration of at least a millisecond and at most a day (such as PT30S).");
    }

    /**
     * {@link #validate} for every configured client, then the providers' own
     * {@link DeploymentCheck}s: what deployment checks.
     */
    public List<TollgateConfigException> validateConfiguredClients() {
        // an engine that joined a cluster has found its map (a cluster module's, or the builder's)
        List<TollgateConfigException> problems = new ArrayList<>(cache.shared() != null ? List.of()
                : ClusterSettings.problems(config, providerLoader));
        Set<String> reported = new HashSet<>();
        // a store problem concerns every client that keeps tenants there: reported once
        clients().forEach(c -> validate(c).stream().filter(p -> reported.add(p.getMessage())).forEach(problems::add));
        Iterator<DeploymentCheck> checks = ServiceLoader.load(DeploymentCheck.class, providerLoader).iterator();
        String lastLoadFailure = null;
        while (true) {
            DeploymentCheck check;
            try {
                if (!checks.hasNext()) {
                    break;
                }
                check = checks.next();
            } catch (ServiceConfigurationError e) {
                if (e.getMessage() != null && e.getMessage().equals(lastLoadFailure)) {
                    break; // the loader cannot get past this entry
                }
                lastLoadFailure = e.getMessage();
                problems.add(new TollgateConfigException(ClientRef.client("*"), "a deployment check could not be loaded ("
                        + e.getMessage() + "); deploy the jar that lists it together with what that jar needs."));
                continue;
            }
            problems.addAll(problemsOf(check));
        }
        return problems;
    }

    /**
     * A check that throws has not checked: a problem naming it, so that deployment fails and the
     * other problems are still reported. Its message is not repeated: it may quote a setting.
     */
    private List<TollgateConfigException> problemsOf(DeploymentCheck check) {
        try {
            return check.problems(this);
        } catch (RuntimeException | LinkageError e) {
            return List.of(new TollgateConfigException(ClientRef.client("*"), "the deployment check "
                    + check.getClass().getName() + " failed (" + e.getClass().getName() + ") instead of reporting problems."));
        }
    }

    /**
     * The tenants of {@code client}: those listed in {@code tollgate.<client>.tenants} (a
     * comma-separated list) when it is set, and only those; else those that have a key under
     * {@code tollgate.<client>.tenants.}. The list is what counts when keys come from environment
     * variables, whose names cannot tell {@code acme-eu} from {@code acme.eu}.
     */
    @Override
    public Set<String> tenants(String client) {
        Optional<List<String>> listed = config.getOptionalValues(ConfigKeys.clientKey(client, ConfigKeys.TENANTS), String.class);
        if (listed.isPresent()) {
            Set<String> tenants = new TreeSet<>();
            listed.get().stream().map(String::trim).filter(t -> !t.isEmpty()).forEach(tenants::add);
            return tenants;
        }
        String prefix = ConfigKeys.PREFIX + client + "." + ConfigKeys.TENANTS + ".";
        Set<String> tenants = new TreeSet<>();
        propertyNames().stream()
                .filter(p -> p.startsWith(prefix))
                .map(p -> p.substring(prefix.length()))
                .filter(rest -> rest.indexOf('.') > 0)
                .forEach(rest -> tenants.add(rest.substring(0, rest.indexOf('.'))));
        return tenants;
    }

    /**
     * The names of every configuration property, read once per engine. Listing them is costly in
     * some servers (Payara decrypts every password alias on each listing: about a second with ten
     * aliases), and they are needed per client at deployment and per inbound BigCommerce request.
     * Like client bindings, a key added after the first read is seen after a restart.
     */
    private Set<String> propertyNames() {
        Set<String> names = propertyNames;
        if (names == null) {
            Set<String> read = new HashSet<>();
            config.getPropertyNames().forEach(read::add);
            names = Set.copyOf(read);
            propertyNames = names;
        }
        return names;
    }

    /**
     * Every {@code tollgate.<client>.*} key of this server with its value, its tenants' included,
     * as one text (each part preceded by its length): what the cluster tier compares between servers.
     */
    private String clientConfiguration(String client) {
        String prefix = ConfigKeys.clientKey(client, "");
        StringBuilder text = new StringBuilder();
        propertyNames().stream().filter(name -> name.startsWith(prefix)).sorted().forEach(name -> {
            String value;
            try {
                value = config.getOptionalValue(name, String.class).orElse("");
            } catch (RuntimeException unreadable) {
                value = "\0unreadable";
            }
            text.append(name.length()).append(':').append(name).append(value.length()).append(':').append(value);
        });
        return text.toString();
    }

    /** For tests in this package. */
    BoundClient bound(String client) {
        return bind(client);
    }

    private BoundClient bind(String client) {
        Objects.requireNonNull(client, "client");
        BoundClient bound = clients.get(client);
        if (bound != null) {
            return bound;
        }
        // not computeIfAbsent: a failed binding must not be cached, and binding does no network
        // I/O (a TLS key store is a local file read), so two threads binding at once only waste a
        // little work; the loser's TLS context is never handed out
        bound = newBinding(client);
        BoundClient raced = clients.putIfAbsent(client, bound);
        return raced != null ? raced : bound;
    }

    private BoundClient newBinding(String client) {
        if (!ConfigKeys.NAME.matcher(client).matches()) {
            throw new TollgateConfigException(ClientRef.client(client.replaceAll("[^A-Za-z0-9_-]", "?")),
                    "not a valid client name: use letters, digits, '-' and '_' (at most 100).");
        }
        String providerKey = ConfigKeys.clientKey(client, ConfigKeys.PROVIDER);
        String providerId = config.getOptionalValue(providerKey, String.class).map(String::trim)
                .filter(s -> !s.isEmpty())
                .orElseThrow(() -> new TollgateConfigException(ClientRef.client(client), providerKey
                        + " is not set; set it to one of the installed providers: "
                        + (providers.ids().isEmpty() ? "none installed" : String.join(", ", providers.ids())) + "."));
        AuthProvider provider = providers.find(client, providerId);
        ClientRef ref = ClientRef.of(client, provider.id(), null);
        ConfiguredSettings configured = ConfiguredSettings.forClient(config, ref, provider.defaultBaseUrl());
        // one TLS context per client, made now: a bad store or certificate fails deployment, not a call
        ConfiguredSettings settings = configured.withTls(ClientTls.from(configured, cache.clock()).orElse(null),
                provider.defaultBaseUrl());
        ClientProtocol protocol = provider.bind(settings);
        TokenFetcher.refreshBefore(settings, protocol); // a window the provider cannot take fails here, before any call
        Set<String> tenants = Collections.unmodifiableSet(tenants(client)); // sorted: messages in a stable order
        boolean listed = config.getOptionalValues(ConfigKeys.clientKey(client, ConfigKeys.TENANTS), String.class).isPresent();
        boolean database = settings.get(ConfigKeys.TENANT_STORE).map(String::trim)
                .map(v -> switch (v) {
                    case "config" -> false;
                    case "database" -> true;
                    default -> throw new TollgateConfigException(ref, ConfigKeys.clientKey(client, ConfigKeys.TENANT_STORE)
                            + " must be config or database.");
                })
                .orElse(false);
        boolean tenantRequired = settings.get(ConfigKeys.TENANT_REQUIRED).map(String::trim)
                .map(v -> switch (v) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw settings.invalid(ConfigKeys.TENANT_REQUIRED, "must be true or false");
                })
                .orElseGet(() -> !tenants.isEmpty() || database); // stored tenants come later: a client of them has tenants
        BoundClient.StoreLink link = database ? new BoundClient.StoreLink(store, cache, storeRefreshInterval()) : null;
        return new BoundClient(client, provider, protocol, settings, tenants, listed, tenantRequired, cache.maxEntries(), link,
                cache.events());
    }

    /**
     * The readiness report: the credentials a vendor rejects now (from what calls and fetches
     * met), and those whose fetches cool down now (from the cache), one problem per credential
     * (client, tenant, credential name), sorted; UP when there is none. Clients not called yet are
     * UP: their configuration was checked at deployment.
     */
    public HealthReport health() {
        return cache.events().health(List.copyOf(clients()), cache);
    }

    /**
     * Every metric series the engine has counted so far, as it counts them itself (also without
     * any metrics API): counters as counted, gauges as the cache holds now; sorted by metric, then tags.
     */
    public List<Measurement> measurements() {
        return cache.events().measurements(cache);
    }

    /**
     * Logs one INFO line per configured client: its provider, how many tenants the configuration
     * lists, whether it keeps stored tenants, and the origin its credentials go to. An engine
     * built in plain Java does so when built; in CDI the extension does it once per deployment,
     * after validating the configuration without a problem (it builds a throwaway engine to
     * validate, and the application's engine is built later).
     */
    public void logConfiguredClients() {
        for (String name : clients()) {
            try {
                BoundClient bound = bind(name);
                LOG.info(() -> bound.ref().describe() + ": " + bound.tenants().size() + " configured tenant(s), stored tenants "
                        + (bound.keepsStoredTenants() ? "yes" : "no") + "; credentials go to " + originOf(bound) + ".");
            } catch (TollgateConfigException e) {
                LOG.warning(e.getMessage());
            }
        }
    }

    private static String originOf(BoundClient bound) {
        try {
            return OriginPolicy.origin(bound.settings("").baseUrl());
        } catch (TollgateConfigException e) {
            return "each tenant's own base-url";
        }
    }

    /** Builds an engine; only the configuration is required. */
    public static final class Builder {

        private Config config;
        private Clock clock = Clock.systemUTC();
        private ProviderRegistry providers;
        private ClassLoader providerLoader = TollgateEngine.class.getClassLoader();
        private Executor executor;
        private Sleeper sleeper = Sleeper.REAL;
        private Integer maxCached;
        private TenantStore tenantStore;
        private final List<MetricsSink> sinks = new ArrayList<>();
        private boolean logClients = true;
        private SharedMap sharedMap;
        private boolean joinsCluster = true;

        private Builder() {
        }

        /**
         * An engine that never joins the cluster, whatever {@code tollgate.cache} says: one made
         * only to check the configuration at deployment, which reports the cluster keys' problems
         * without reaching the cluster.
         */
        public Builder withoutCluster() {
            this.joinsCluster = false;
            return this;
        }

        /**
         * The map the cluster tier uses for {@code tollgate.cache=cluster}, instead of the one a
         * cluster module finds on the server (plain Java, tests).
         */
        public Builder sharedMap(SharedMap map) {
            this.sharedMap = Objects.requireNonNull(map, "map");
            return this;
        }

        public Builder config(Config config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The clock deciding expiry; tests move it instead of sleeping. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The providers to use instead of those found with ServiceLoader. */
        public Builder providers(List<AuthProvider> list) {
            this.providers = ProviderRegistry.of(list);
            return this;
        }

        /** Finds providers with ServiceLoader in this class loader (default: Tollgate's own). */
        public Builder providersFrom(ClassLoader loader) {
            this.providers = ProviderRegistry.discover(loader);
            this.providerLoader = loader;
            return this;
        }

        /** Runs background refreshes; default: a few daemon threads of the engine's own. */
        public Builder executor(Executor refreshExecutor) {
            this.executor = Objects.requireNonNull(refreshExecutor, "refreshExecutor");
            return this;
        }

        /** Waits between token endpoint retries; tests pass one that moves their clock. */
        public Builder sleeper(Sleeper retrySleeper) {
            this.sleeper = Objects.requireNonNull(retrySleeper, "retrySleeper");
            return this;
        }

        /** The cache bound; default {@value #MAX_CACHED} from config, else 10,000. */
        public Builder maxCachedCredentials(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxCachedCredentials must be at least 1");
            }
            this.maxCached = max;
            return this;
        }

        /**
         * The tenant store to use instead of the one {@code tollgate.store.*} configures (plain
         * Java with a store of its own, tests).
         */
        public Builder tenantStore(TenantStore store) {
            this.tenantStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Also sends the engine's metrics to {@code sink} (a server's metrics API); may be called
         * more than once. What a sink throws is caught (logged at FINE once) and never reaches a call.
         */
        public Builder metricsSink(MetricsSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /**
         * Whether {@link #build()} logs the configured clients ({@link TollgateEngine#logConfiguredClients()});
         * default true. The CDI integration turns it off and logs them once per deployment itself.
         */
        public Builder logConfiguredClients(boolean log) {
            this.logClients = log;
            return this;
        }

        public TollgateEngine build() {
            Objects.requireNonNull(config, "config is required");
            ProviderRegistry registry = Optional.ofNullable(providers)
                    .orElseGet(() -> ProviderRegistry.discover(providerLoader));
            int max = maxCached != null ? maxCached : config.getOptionalValue(MAX_CACHED, Integer.class)
                    .filter(n -> n > 0).orElse(DEFAULT_MAX_CACHED);
            StoreAccess store = tenantStore != null ? StoreAccess.of(tenantStore) : ConfiguredStore.access(config);
            EngineEvents events = new EngineEvents(clock, metricsPerTenant(config),
                    sinks.stream().map(GuardedSink::new).toList());
            SharedCredentials tier = joinsCluster ? ClusterSettings.open(config, providerLoader, sharedMap, clock) : null;
            TollgateEngine engine = new TollgateEngine(config, registry, providerLoader, clock, executor, sleeper, max, store, events);
            if (tier != null) {
                engine.joinCluster(tier);
            }
            if (logClients) {
                engine.logConfiguredClients();
            }
            return engine;
        }

        /**
         * {@value #METRICS_PER_TENANT}: true or false (default); anything else fails the build, and
         * so deployment, naming the key.
         */
        private static boolean metricsPerTenant(Config config) {
            String value = config.getOptionalValue(METRICS_PER_TENANT, String.class).map(String::trim).orElse("false");
            return switch (value) {
                case "true" -> true;
                case "false", "" -> false;
                default -> throw new TollgateConfigException(ClientRef.client("*"), METRICS_PER_TENANT
                        + " must be true or false.");
            };
        }
    }
}
