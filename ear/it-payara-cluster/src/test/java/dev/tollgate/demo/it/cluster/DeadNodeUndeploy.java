package dev.tollgate.demo.it.cluster;

import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Leaves a deployment on a node that is dead where it is: NodeKilledIT kills node1 (kill -9)
 * after deploying to it, and Arquillian then undeploys everything a test class deployed, which
 * the Payara container tries through the dead domain's admin port and reports as the class's
 * error. A node whose process is gone has nothing left to undeploy.
 */
public final class DeadNodeUndeploy implements LoadableExtension {

    private static final Logger LOG = Logger.getLogger(DeadNodeUndeploy.class.getName());

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(DeadNodeUndeploy.Observer.class);
    }

    public static final class Observer {

        public void undeploy(@Observes EventContext<UnDeployDeployment> context) {
            String node = context.getEvent().getContainer().getName();
            try {
                ServerNodes.current().pid(node);
            } catch (IllegalStateException dead) {
                LOG.info(() -> "not undeploying " + context.getEvent().getDeployment().getDescription().getName() + " from " + node
                        + ": " + dead.getMessage());
                return;
            }
            context.proceed();
        }
    }
}
