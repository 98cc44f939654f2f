package dev.tollgate.cluster.hazelcast;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

/**
 * JNDI as Payara offers it to an application, with one entry the test chooses under
 * {@code payara/Hazelcast}; chosen with {@code java.naming.factory.initial}.
 */
public final class PayaraNaming implements InitialContextFactory {

    static volatile Object hazelcast;

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(PayaraNaming.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("lookup") && args[0].equals(HazelcastMapProvider.JNDI_NAME)
                            && hazelcast != null) {
                        return hazelcast;
                    }
                    if (method.getName().equals("lookup")) {
                        throw new NameNotFoundException(String.valueOf(args[0]));
                    }
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
