package dev.tollgate.engine.cdi;

import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.observe.MetricsSink;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import dev.tollgate.api.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one engine, and so the one credential cache, of an application. Packaged in an EAR's
 * {@code lib/}, it serves every web module: two WARs calling the same API share one token.
 * It reads the configuration visible to Tollgate's own class loader, which in an EAR is the
 * enterprise application's, not one web module's.
 */
@ApplicationScoped
public class EngineBean {

    private static final Logger LOG = Logger.getLogger(EngineBean.class.getName());
    private static final String DEFAULT_EXECUTOR = "java:comp/DefaultManagedExecutorService";

    /**
     * The bridges to the server's metrics API (tollgate-observability's, when the application
     * has it): given to the builder, so the engine counts into them from its first request.
     */
    @Inject
    @Any
    Instance<MetricsSink> metricsSinks;

    private TollgateEngine engine;

    @PostConstruct
    void start() {
        ClassLoader loader = EngineBean.class.getClassLoader();
        TollgateEngine.Builder builder = TollgateEngine.builder()
                .config(ConfigProvider.getConfig(loader))
                .providersFrom(loader)
                .logConfiguredClients(false); // logged once per deployment by TollgateExtension
        managedExecutor().ifPresent(builder::executor);
        for (MetricsSink sink : metricsSinks) {
            // null: a producer found no metrics API on this server
            if (sink != null) {
                builder.metricsSink(sink);
            }
        }
        engine = builder.build();
    }

    @PreDestroy
    void stop() {
        engine.close();
    }

    /** Background refreshes on the server's own threads when it offers them (Jakarta Concurrency). */
    private static Optional<Executor> managedExecutor() {
        try {
            return Optional.of((Executor) new InitialContext().lookup(DEFAULT_EXECUTOR));
        } catch (NamingException | RuntimeException | LinkageError e) {
            LOG.fine(() -> "no " + DEFAULT_EXECUTOR + " (" + e.getClass().getSimpleName() + "); using Tollgate's own refresh threads");
            return Optional.empty();
        }
    }

    public TollgateEngine engine() {
        return engine;
    }

    /**
     * {@code @Inject TenantDirectory}: the stored tenants of this application's engine, the same
     * for every module of an EAR.
     */
    @Produces
    @Dependent
    public TenantDirectory tenants() {
        return engine.tenants();
    }
}
