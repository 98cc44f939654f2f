package dev.tollgate.engine.cdi;

import dev.tollgate.api.Authenticated;
import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.TollgateEngine;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fails deployment on a configuration that would fail the first call: every configured client,
 * and every client an {@link Authenticated} interface names, is bound and validated once the
 * container has validated its beans.
 */
public class TollgateExtension implements Extension {

    private final Set<String> annotatedClients = new TreeSet<>();

    /** Interfaces CDI discovers itself (bean archives with discovery mode {@code all}). */
    void collect(@Observes @WithAnnotations(Authenticated.class) ProcessAnnotatedType<?> type) {
        remember(type.getAnnotatedType().getJavaClass());
    }

    /**
     * Interfaces injected somewhere, e.g. {@code @Inject @RestClient TaxJarApi}: in the default
     * discovery mode ({@code annotated}) a plain interface is never discovered, but its injection
     * points are.
     */
    void collect(@Observes ProcessInjectionPoint<?, ?> point) {
        if (point.getInjectionPoint().getType() instanceof Class<?> type) {
            remember(type);
        }
    }

    private void remember(Class<?> type) {
        Authenticated annotation = type.getAnnotation(Authenticated.class);
        if (annotation != null) {
            annotatedClients.add(annotation.value());
        }
    }

    void validate(@Observes AfterDeploymentValidation event) {
        ClassLoader loader = TollgateExtension.class.getClassLoader();
        TollgateEngine engine = TollgateEngine.builder()
                .config(ConfigProvider.getConfig(loader))
                .providersFrom(loader)
                .logConfiguredClients(false) // a throwaway engine: logged below, once, when the configuration is good
                .withoutCluster() // nor does it share anything: the cluster keys are checked below
                .build();
        Set<String> clients = new TreeSet<>(engine.clients());
        for (String client : annotatedClients) {
            if (!clients.contains(client)) {
                event.addDeploymentProblem(new TollgateConfigException(ClientRef.client(client),
                        "an @Authenticated interface uses this client, but tollgate." + client
                                + ".provider is not set; configure the client or fix the name in the annotation."));
            }
        }
        List<TollgateConfigException> problems = engine.validateConfiguredClients();
        problems.forEach(event::addDeploymentProblem);
        if (problems.isEmpty() && annotatedClients.stream().allMatch(clients::contains)) {
            engine.logConfiguredClients(); // once per deployment; the application's engine is built later, quietly
        }
        engine.close();
    }
}
