package dev.tollgate.demo.it.cluster;

import dev.tollgate.demo.it.DemoServer;
import dev.tollgate.demo.it.cluster.app.ClusterCalls;
import dev.tollgate.demo.it.cluster.app.ClusterCallsApplication;
import dev.tollgate.demo.it.cluster.app.ClusterObservations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The EAR every node of the cluster tests deploys: Tollgate, its providers and both cluster-tier
 * jars as the demo EAR's lib/ has them, the demo EAR's own deployment descriptors for the server
 * (WildFly's jboss-deployment-structure.xml, which imports Infinispan; Payara ignores it), and a
 * web module at {@code /cluster-it} that calls the tests' vendor ({@link ClusterCalls}).
 */
final class ClusterEar {

    static final String CONTEXT = "/cluster-it";

    private ClusterEar() {
    }

    static EnterpriseArchive ear() {
        EnterpriseArchive demo = DemoServer.ear();
        EnterpriseArchive ear = ShrinkWrap.create(EnterpriseArchive.class, "tollgate-cluster-it.ear");
        for (Node lib : demo.get("lib").getChildren()) {
            String path = lib.getPath().get();
            if (!path.startsWith("/lib/tollgate-demo-")) {
                ear.addAsLibrary(jar(lib));
            }
        }
        Node structure = demo.get("META-INF/jboss-deployment-structure.xml");
        if (structure == null) {
            throw new IllegalStateException("the demo EAR has no META-INF/jboss-deployment-structure.xml");
        }
        ear.addAsManifestResource(structure.getAsset(), "jboss-deployment-structure.xml");
        WebArchive war = ShrinkWrap.create(WebArchive.class, "cluster-it.war")
                .addClasses(ClusterCalls.class, ClusterObservations.class, ClusterCallsApplication.class)
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                        + " bean-discovery-mode=\"all\"/>"), "beans.xml");
        return ear.addAsModule(ServerNodes.current().prepare(war));
    }

    private static JavaArchive jar(Node lib) {
        String path = lib.getPath().get();
        try (InputStream in = lib.getAsset().openStream()) {
            return ShrinkWrap.create(ZipImporter.class, path.substring(path.lastIndexOf('/') + 1)).importFrom(in)
                    .as(JavaArchive.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
