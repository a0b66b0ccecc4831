package io.sentinel.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Issue 5: what an idle sentinel does not pay for. With {@code --metrics-port -1} no Micrometer or Prometheus class
 * loads and there is no HTTP thread; without scripts there is no script thread.
 */
class IdleFootprintIT {
    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    /** Our sentinel logging every class it loads to {@code classes.log} in its dir. */
    static final class ClassLoggingSentinel extends SentinelProcess {
        ClassLoggingSentinel(SentinelConf conf, String... args) {
            super(conf, args);
        }

        @Override
        protected List<String> command() {
            List<String> cmd = new ArrayList<>(super.command());
            cmd.add(1, "-Xlog:class+load=info:file=" + dir().resolve("classes.log"));
            return cmd;
        }

        List<String> loadedClasses() throws IOException {
            return Files.readAllLines(dir().resolve("classes.log"));
        }

        List<String> threadNames() throws IOException {
            List<String> names = new ArrayList<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) names.add(Files.readString(t.resolve("comm")).strip());
            }
            return names;
        }
    }

    @Test
    void withoutMetricsAndScriptsNeitherMicrometerNorTheirThreadsExist() throws IOException {
        RedisProcess master = processes.add(RedisProcess.master());
        processes.add(RedisProcess.replicaOf(master));
        ClassLoggingSentinel sentinel = processes.add(new ClassLoggingSentinel(new SentinelConf()
                .monitor("mymaster", master.address(), 1), "--metrics-port", "-1"));
        Await.until(Duration.ofSeconds(20), "the replica discovered (links, core and INFO all ran)", () -> {
            try (Jedis j = sentinel.jedis()) {
                return j.sentinelReplicas("mymaster").size() == 1;
            }
        }, sentinel::describe);

        List<String> classes = sentinel.loadedClasses();
        assertTrue(classes.stream().anyMatch(l -> l.contains("io.sentinel.server.runtime.CoreLoop")),
                "the class log works");
        List<String> metrics = classes.stream().filter(l -> l.contains(" io.micrometer.")
                || l.contains(" io.prometheus.") || l.contains("io.sentinel.server.http.")).toList();
        assertEquals(0, metrics.size(), "no metrics classes with --metrics-port -1, loaded: "
                + metrics.subList(0, Math.min(5, metrics.size())));
        List<String> threads = sentinel.threadNames();
        assertTrue(threads.contains("sentinel-core"), threads.toString());
        assertFalse(threads.stream().anyMatch(t -> t.startsWith("sentinel-http") || t.equals("sentinel-scripts")),
                "no HTTP or script thread: " + threads);
    }
}
