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

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        File out = File.createTempFile("run-demo", ".out");
        File err = File.createTempFile("run-demo", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
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
        }
    }
}
