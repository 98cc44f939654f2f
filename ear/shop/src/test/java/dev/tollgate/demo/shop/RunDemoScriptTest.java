package dev.tollgate.demo.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ear/run-demo.sh}'s arguments: its help, and a mistyped option refused before anything is built or started. */
class RunDemoScriptTest {

    private static final Path SCRIPT = Path.of("..", "run-demo.sh").toAbsolutePath().normalize();

    @Test
    void helpNamesEveryOptionAndExitsZero() throws Exception {
        Result help = run("--help");
        assertEquals(0, help.code(), help.toString());
        for (String option : List.of("--status", "--logs", "--stop", "--help", "settings.properties")) {
            assertTrue(help.out().contains(option), "help without " + option + ": " + help);
        }
        assertEquals("", help.err(), help.toString());
    }

    @Test
    void anUnknownOptionIsRefusedWithTheUsageAndNothingStarts() throws Exception {
        for (String typo : List.of("--staus", "-x", "--stop-now")) {
            Result r = run(typo);
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("unknown option: " + typo), r.toString());
            assertTrue(r.err().contains("Usage: ear/run-demo.sh"), r.toString());
            assertEquals("", r.out(), "it did something: " + r);
        }
    }

    @Test
    void anOptionTakesNoArgumentAndASettingsFileMustBeReadable() throws Exception {
        Result extra = run("--stop", "now");
        assertEquals(2, extra.code(), extra.toString());
        assertTrue(extra.err().contains("--stop takes no argument"), extra.toString());
        Result missing = run("no-such-settings.properties");
        assertEquals(2, missing.code(), missing.toString());
        assertTrue(missing.err().contains("cannot read no-such-settings.properties"), missing.toString());
    }

    /**
     * {@code run-demo.sh "$SETTINGS"} with the variable mistyped or unset passes an empty name: it
     * is a settings file that cannot be read, not "no settings" (which built and started the demo
     * with the defaults, on the shared ports).
     */
    @Test
    void anEmptySettingsFileNameIsRefusedAndNothingStarts() throws Exception {
        Result empty = run("");
        assertEquals(2, empty.code(), empty.toString());
        assertTrue(empty.err().contains("cannot read ''"), empty.toString());
        assertEquals("", empty.out(), "it did something: " + empty);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        File out = File.createTempFile("run-demo", ".out");
        File err = File.createTempFile("run-demo", ".err");
        Path fakeMaven = Files.createTempDirectory("run-demo-mvn");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out).redirectError(err);
            // a safety net: a path that went on to build would find a Maven that fails at once, so
            // no case here ever builds or starts a server on the shared ports
            Path mvn = fakeMaven.resolve("mvn");
            // (its version line as Maven 3.8 prints it, with a colour reset first: tools/ensure-java-maven.sh reads that)
            Files.writeString(mvn, "#!/bin/sh\n[ \"$2\" = -v ] && printf '\\033[0mApache Maven 3.8.7\\n' && exit 0\n"
                    + "echo 'no build in RunDemoScriptTest'\nexit 1\n");
            mvn.toFile().setExecutable(true);
            builder.environment().merge("PATH", fakeMaven.toString(), (path, fake) -> fake + File.pathSeparator + path);
            Process p = builder.start();
            // a safety net: these paths return at once; a script that went on to build would be stopped here
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("run-demo.sh " + String.join(" ", args) + " did not return");
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
            Files.deleteIfExists(fakeMaven.resolve("mvn"));
            Files.deleteIfExists(fakeMaven);
        }
    }
}
