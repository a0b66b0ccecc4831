package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.config.SentinelConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two deployments that break a plain rewrite, made real with bind mounts (needs root with mount rights, else
 * skipped): a read-only config directory (EROFS) and a config file bind-mounted on its own (rename gives EBUSY).
 */
class ReadOnlyMountIT {
    @TempDir
    Path tmp;

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void bind(Path from, Path onto) throws Exception {
        Assumptions.assumeTrue(run("mount", "--bind", from.toString(), onto.toString()) == 0, "cannot bind mount");
    }

    @Test
    void readOnlyConfigStartsAndKeepsStateBesideIt() throws Exception {
        Path etc = Files.createDirectory(tmp.resolve("etc"));
        Path data = Files.createDirectory(tmp.resolve("data"));
        Path conf = etc.resolve("sentinel.conf");
        String text = "dir " + data + "\nsentinel monitor m 127.0.0.1 6379 2\n";
        Files.writeString(conf, text);
        bind(etc, etc);
        try {
            assertEquals(0, run("mount", "-o", "remount,ro,bind", etc.toString()));
            assertThrows(FileSystemException.class, () -> Files.writeString(conf, "x"));
            LoadedConfig loaded = ConfigLoader.load(conf, List.of(), tmp);
            assertFalse(loaded.rewritesSource());
            ConfigStore store = ConfigStore.open(loaded);
            assertEquals(data.resolve(LoadedConfig.STATE_FILE_NAME), store.location());
            String id = ConfigLoader.generateMyid();
            store.persist(loaded.config().withRuntime(id, 3, loaded.config().masters()));
            SentinelConfig again = ConfigLoader.load(conf, List.of(), tmp).config();
            assertEquals(id, again.myid());
            assertEquals(3, again.currentEpoch());
            assertEquals(text, Files.readString(conf));
        } finally {
            run("umount", etc.toString());
        }
    }

    @Test
    void singleFileBindMountIsRewrittenInPlace() throws Exception {
        Path real = tmp.resolve("real.conf");
        Files.writeString(real, "# mine\nsentinel monitor m 127.0.0.1 6379 2\n");
        Path etc = Files.createDirectory(tmp.resolve("etc"));
        Path conf = Files.createFile(etc.resolve("sentinel.conf"));
        bind(real, conf);
        try {
            Path probe = Files.writeString(etc.resolve("probe"), "x");
            FileSystemException busy = assertThrows(FileSystemException.class,
                    () -> Files.move(probe, conf, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING));
            assertTrue(String.valueOf(busy.getReason()).contains("busy"), busy.toString());
            Files.delete(probe);

            LoadedConfig loaded = ConfigLoader.load(conf, List.of(), tmp);
            assertTrue(loaded.rewritesSource());
            String id = ConfigLoader.generateMyid();
            ConfigStore.open(loaded).persist(loaded.config().withRuntime(id, 1, loaded.config().masters()));
            String written = Files.readString(real);
            assertTrue(written.startsWith("# mine\nsentinel monitor m 127.0.0.1 6379 2\n"), written);
            assertTrue(written.contains("sentinel myid " + id + "\n"), written);
            assertEquals(List.of(conf), list(etc));
            AtomicFile.write(conf, "short\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("short\n", Files.readString(real));
        } finally {
            run("umount", conf.toString());
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
