package dev.tollgate.engine.cdi;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
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
            if (bean.isAmbiguous()) {
                // two engines would mean two caches: fail rather than pick one
                throw new TollgateConfigException(ClientRef.client("*"), "Tollgate's engine jar (tollgate-engine) is packaged more"
                        + " than once (for example in the EAR's lib/ and in a WAR's WEB-INF/lib); keep only the one in lib/.");
            }
            return bean.isResolvable() ? Optional.of(bean.get().engine()) : Optional.empty();
        } catch (IllegalStateException noContainer) {
            return Optional.empty();
        }
    }
}
