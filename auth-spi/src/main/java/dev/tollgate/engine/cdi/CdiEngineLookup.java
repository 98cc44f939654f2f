package dev.tollgate.engine.cdi;

import dev.tollgate.engine.TollgateEngine;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Optional;

/** Looks the application's engine up in a running CDI container, if there is one. */
public final class CdiEngineLookup {

    private CdiEngineLookup() {
    }

    public static Optional<TollgateEngine> find() {
        try {
            Instance<EngineBean> bean = CDI.current().select(EngineBean.class);
            return bean.isResolvable() ? Optional.of(bean.get().engine()) : Optional.empty();
        } catch (IllegalStateException noContainer) {
            return Optional.empty();
        }
    }
}
