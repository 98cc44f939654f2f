package dev.tollgate.engine.cdi;

import dev.tollgate.engine.TollgateEngine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one engine, and so the one credential cache, of an application. Packaged in an EAR's
 * {@code lib/}, it serves every web module: two WARs calling the same API share one token.
 * It reads the configuration visible to Tollgate's own class loader, which in an EAR is the
 * enterprise application's, not one web module's.
 */
@ApplicationScoped
public class EngineBean {

    private TollgateEngine engine;

    @PostConstruct
    void start() {
        ClassLoader loader = EngineBean.class.getClassLoader();
        engine = TollgateEngine.builder()
                .config(ConfigProvider.getConfig(loader))
                .providersFrom(loader)
                .build();
    }

    public TollgateEngine engine() {
        return engine;
    }
}
