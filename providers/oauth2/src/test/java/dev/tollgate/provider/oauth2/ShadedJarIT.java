package dev.tollgate.provider.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar carries SmallRye JWT and jose4j relocated under
 * {@code dev.tollgate.provider.oauth2.internal}, with nothing left under their own packages, no
 * class that still names them, and no beans.xml of theirs: in an EAR's lib/ next to the server's
 * MicroProfile JWT (and the BigCommerce inbound jar's own copy) they must not meet.
 */
class ShadedJarIT {

    private static final String INTERNAL = "dev/tollgate/provider/oauth2/internal/";

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("tollgate-provider-oauth2-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no packaged jar in target/"));
        }
    }

    @Test
    void theJwtLibrariesAreRelocatedAndNothingNamesThemUnrelocated() throws IOException {
        List<String> unrelocated = new ArrayList<>();
        List<String> referencing = new ArrayList<>();
        try (JarFile jar = new JarFile(jar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.startsWith("io/smallrye/") || name.startsWith("org/jose4j/")) {
                    unrelocated.add(name);
                }
                if (name.endsWith(".class")) {
                    // Latin-1 keeps every byte: a constant naming a class shows as text
                    String bytes = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (Stream.of("io/smallrye/jwt", "io.smallrye.jwt", "org/jose4j", "org.jose4j").anyMatch(bytes::contains)) {
                        referencing.add(name);
                    }
                }
            }
            assertEquals(List.of(), unrelocated);
            assertEquals(List.of(), referencing);
            assertTrue(jar.getEntry(INTERNAL + "smallrye/jwt/build/Jwt.class") != null);
            assertTrue(jar.getEntry(INTERNAL + "smallrye/jwt/build/impl/JwtProviderImpl.class") != null);
            assertTrue(jar.getEntry(INTERNAL + "jose4j/jws/JsonWebSignature.class") != null);
            assertEquals(null, jar.getEntry("META-INF/beans.xml"));
            List<String> services = Collections.list(jar.entries()).stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith("META-INF/services/") && !n.endsWith("/")).toList();
            assertEquals(List.of("META-INF/services/dev.tollgate.spi.AuthProvider"), services);
        }
    }
}
