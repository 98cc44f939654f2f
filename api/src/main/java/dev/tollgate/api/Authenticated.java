package dev.tollgate.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Attaches the credentials of the named Tollgate client to every call of a JAX-RS client
 * interface. With MicroProfile Rest Client nothing else is needed:
 *
 * <pre>{@code
 * @RegisterRestClient(configKey = "taxjar")
 * @Authenticated("taxjar")
 * public interface TaxJarApi { ... }
 * }</pre>
 *
 * The client is configured under {@code tollgate.<value>.} in MicroProfile Config.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Authenticated {

    /** The Tollgate client name: the {@code <client>} of {@code tollgate.<client>.provider}. */
    String value();
}
