package dev.tollgate.demo.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The small web modules some tests deploy next to the demo EAR carry Tollgate themselves. */
final class SmallWars {

    private SmallWars() {
    }

    /** Tollgate and every provider, as the demo EAR's lib/ has them, without the demo's own jar (nor {@code left}). */
    static WebArchive withTollgate(WebArchive war, String... left) {
        EnterpriseArchive ear = DemoServer.ear();
        List<ArchivePath> libs = ear.get("lib").getChildren().stream().map(Node::getPath).toList();
        if (!libs.stream().map(ArchivePath::get).toList().containsAll(List.of(left))) {
            throw new IllegalStateException("the demo EAR's lib/ lacks one of " + List.of(left) + ": " + libs);
        }
        for (ArchivePath lib : libs) {
            if (!lib.get().startsWith("/lib/tollgate-demo-") && !List.of(left).contains(lib.get())) {
                String name = lib.get().substring("/lib/".length());
                try (InputStream jar = ear.get(lib).getAsset().openStream()) {
                    war.addAsLibrary(ShrinkWrap.create(ZipImporter.class, name).importFrom(jar).as(JavaArchive.class));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        // "all": the Rest Client interfaces carry no bean-defining annotation
        return war.addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                + " bean-discovery-mode=\"all\"/>"), "beans.xml");
    }

}
