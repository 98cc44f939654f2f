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
                war.addAsLibrary(jar(ear, lib));
            }
        }
        return withAllBeans(war);
    }

    /**
     * An EAR of the given web modules with Tollgate and every provider in its lib/, as the demo
     * EAR's lib/ has them, without the demo's own jar (nor {@code left}): one engine for all of them.
     */
    static EnterpriseArchive earWithTollgate(String name, List<String> left, WebArchive... wars) {
        EnterpriseArchive demo = DemoServer.ear();
        EnterpriseArchive ear = ShrinkWrap.create(EnterpriseArchive.class, name);
        for (Node lib : demo.get("lib").getChildren()) {
            if (!lib.getPath().get().startsWith("/lib/tollgate-demo-") && !left.contains(lib.getPath().get())) {
                ear.addAsLibrary(jar(demo, lib.getPath()));
            }
        }
        for (WebArchive war : wars) {
            ear.addAsModule(withAllBeans(war));
        }
        return ear;
    }

    /** The web module with the test kit (its simulators), as the demo's sandbox module has it in WEB-INF/lib. */
    static WebArchive withTestKit(WebArchive war) {
        EnterpriseArchive demo = DemoServer.ear();
        Node sandbox = demo.getContent().values().stream()
                .filter(node -> node.getPath().get().matches("/tollgate-demo-sandbox.*\\.war")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo EAR has no sandbox module"));
        WebArchive sandboxWar;
        try (InputStream in = sandbox.getAsset().openStream()) {
            sandboxWar = ShrinkWrap.create(ZipImporter.class, "sandbox.war").importFrom(in).as(WebArchive.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Node testKit = sandboxWar.get("WEB-INF/lib").getChildren().stream()
                .filter(node -> node.getPath().get().startsWith("/WEB-INF/lib/tollgate-testkit")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo's sandbox module has no test kit"));
        return war.addAsLibrary(jar(sandboxWar, testKit.getPath()));
    }

    private static JavaArchive jar(org.jboss.shrinkwrap.api.Archive<?> archive, ArchivePath path) {
        String name = path.get().substring(path.get().lastIndexOf('/') + 1);
        try (InputStream jar = archive.get(path).getAsset().openStream()) {
            return ShrinkWrap.create(ZipImporter.class, name).importFrom(jar).as(JavaArchive.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // "all": the Rest Client interfaces carry no bean-defining annotation
    private static WebArchive withAllBeans(WebArchive war) {
        return war.addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                + " bean-discovery-mode=\"all\"/>"), "beans.xml");
    }

}
