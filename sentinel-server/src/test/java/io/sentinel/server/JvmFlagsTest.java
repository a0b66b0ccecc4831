package io.sentinel.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM flags live in one file, {@code conf/jvm.flags}: the launcher and the image read it and copy none of it,
 * and docs/operations.md gives a reason for each of its flags and names no other in its table.
 */
class JvmFlagsTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path FLAGS = ROOT.resolve("conf/jvm.flags");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void operationsMdExplainsEveryFlagOfTheFileAndNoOther() throws IOException {
        Set<String> documented = documentedFlags(Files.readAllLines(ROOT.resolve("docs/operations.md")));
        assertEquals(new TreeSet<>(fileFlags()), documented);
    }

    @Test
    void theLauncherAndTheImageReadTheFileAndCopyNoneOfIt() throws IOException {
        String launcher = Files.readString(ROOT.resolve("bin/sentinel"));
        String entrypoint = Files.readString(ROOT.resolve("docker/entrypoint"));
        assertTrue(launcher.contains("FLAGS_FILE=\"$ROOT/conf/jvm.flags\"") && launcher.contains("(\"@$FLAGS_FILE\")"),
                "bin/sentinel passes the file as a java argument file");
        assertTrue(Files.readString(ROOT.resolve("docker/Dockerfile"))
                .contains("COPY conf/jvm.flags /opt/sentinel/jvm.flags"), "the image copies the file");
        assertTrue(entrypoint.contains("exec java @/opt/sentinel/jvm.flags"), "the image's java reads it");
        for (String flag : fileFlags()) {
            assertFalse(launcher.contains(flag), "bin/sentinel repeats " + flag);
            assertFalse(entrypoint.contains(flag), "docker/entrypoint repeats " + flag);
        }
    }

    @Test
    void theScanReadsTheTableOfTheJvmFlagsSectionOnly() {
        List<String> doc = List.of("## Other", "| flag | why |", "|---|---|", "| `-Xfoo` | no |", "",
                "## JVM flags", "", "| flag in `conf/jvm.flags` | why |", "|------|-----|",
                "| `-Xms8m -Xmx256m` | heap, not `-Xbar` |", "| `-XX:+A` | a |", "", "| `-XX:+Later` | no |");
        assertEquals(Set.of("-Xms8m", "-Xmx256m", "-XX:+A"), documentedFlags(doc));
    }

    /** Every flag of the file, the {@code #optional} ones included. */
    static List<String> fileFlags() throws IOException {
        List<String> flags = new ArrayList<>();
        for (String line : Files.readAllLines(FLAGS)) {
            String words = line.startsWith("#optional ") ? line.substring("#optional ".length())
                    : line.replaceAll("#.*", "");
            for (String w : words.strip().split("\\s+")) if (!w.isEmpty()) flags.add(w);
        }
        assertTrue(flags.size() > 5, "read " + FLAGS + ": " + flags);
        return flags;
    }

    /** The flags in the first column of the first table after "## JVM flags". */
    static Set<String> documentedFlags(List<String> doc) {
        Set<String> flags = new TreeSet<>();
        int i = doc.indexOf("## JVM flags");
        assertTrue(i >= 0, "docs/operations.md has a \"## JVM flags\" section");
        while (i < doc.size() && !doc.get(i).startsWith("|---")) i++;
        for (i++; i < doc.size() && doc.get(i).startsWith("|"); i++) {
            String firstCell = doc.get(i).split("\\|")[1];
            Matcher m = CODE.matcher(firstCell);
            while (m.find()) flags.addAll(List.of(m.group(1).strip().split("\\s+")));
        }
        return flags;
    }
}
