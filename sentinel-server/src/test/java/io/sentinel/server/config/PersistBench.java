package io.sentinel.server.config;

import com.sun.management.ThreadMXBean;

import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.model.Address;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Microbenchmark of one state write ({@link ConfigStore#persist}), as the core loop does it for a vote: K masters as
 * {@code bench/mass_failover.py} configures them, each with one known replica and two known sentinels, and each
 * write changes one master's leader epoch and vote and the current epoch (round robin). Not a test: run by
 * {@code bench/persist.py}. Prints one JSON object per K: the thread's CPU time and the wall time of one write
 * (median, p90, mean, in microseconds), after a warm-up of the same writes.
 *
 * <pre>PersistBench [--masters 1,20,100] [--warmup 2000] [--writes 2000] [--state-file] [--dir DIR]</pre>
 * {@code --state-file}: the read-only layout (state in sentinel-state.conf) instead of rewriting sentinel.conf.
 */
public final class PersistBench {
    private static final String MYID = "659c310de8f5e59816308a0835ed9841b55a7dbe";
    private static final String[] PEERS = {"0123456789abcdef0123456789abcdef01234567",
            "89abcdef0123456789abcdef0123456789abcdef"};

    private PersistBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> counts = List.of(1, 20, 100);
        int warmup = 2000;
        int writes = 2000;
        boolean stateFile = false;
        Path base = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--masters" -> counts = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--writes" -> writes = Integer.parseInt(args[++i]);
                case "--state-file" -> stateFile = true;
                case "--dir" -> base = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        for (int k : counts) {
            Path dir = base == null ? Files.createTempDirectory("persist-bench-")
                    : Files.createTempDirectory(base, "persist-bench-");
            try {
                System.out.println(run(dir, k, warmup, writes, stateFile));
            } finally {
                try (var s = Files.list(dir)) {
                    for (Path p : s.toList()) Files.delete(p);
                }
                Files.delete(dir);
            }
        }
    }

    private static String run(Path dir, int k, int warmup, int writes, boolean stateFile) throws Exception {
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, conf(dir, k));
        LoadedConfig loaded = ConfigLoader.load(conf, List.of(), dir, p -> !stateFile);
        ConfigStore store = ConfigStore.open(loaded);
        SentinelConfig discovered = discovered(loaded.config(), k);
        store.persist(discovered);
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] cpu = new long[writes];
        long[] wall = new long[writes];
        long allocated = 0;
        List<MasterConfig> masters = new ArrayList<>(discovered.masters());
        for (int i = 0; i < warmup + writes; i++) {
            long epoch = i + 1;
            int j = i % k;
            masters.set(j, voted(masters.get(j), epoch, PEERS[i % 2]));
            SentinelConfig next = discovered.withRuntime(MYID, epoch, masters);
            long a0 = mx.getCurrentThreadAllocatedBytes();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            store.persist(next);
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            long a1 = mx.getCurrentThreadAllocatedBytes();
            if (i >= warmup) {
                cpu[i - warmup] = c1 - c0;
                wall[i - warmup] = t1 - t0;
                allocated += a1 - a0;
            }
        }
        return String.format(Locale.ROOT, "{\"masters\": %d, \"mode\": \"%s\", \"writes\": %d, \"file_bytes\": %d, "
                        + "\"allocated_kib_per_write\": %.1f, \"cpu_us\": %s, \"wall_us\": %s}", k,
                stateFile ? "state-file" : "rewrite", writes, Files.size(store.location()),
                allocated / 1024.0 / writes, stats(cpu), stats(wall));
    }

    /** The sentinel.conf bench/lib/procs.py writes. */
    private static String conf(Path dir, int k) {
        StringBuilder sb = new StringBuilder("port 26379\nbind 127.0.0.1\ndaemonize no\nlogfile \"\"\n");
        sb.append("dir \"").append(dir).append("\"\n");
        for (int i = 0; i < k; i++) {
            String name = "m" + i;
            sb.append("sentinel monitor ").append(name).append(" 127.0.0.1 ").append(7000 + i).append(" 2\n")
                    .append("sentinel down-after-milliseconds ").append(name).append(" 1000\n")
                    .append("sentinel failover-timeout ").append(name).append(" 10000\n");
        }
        return sb.toString();
    }

    /** After discovery: every master knows its replica and both peers. */
    private static SentinelConfig discovered(SentinelConfig c, int k) {
        List<MasterConfig> masters = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            MasterConfig m = c.masters().get(i);
            masters.add(new MasterConfig(m.name(), m.address(), m.quorum(), m.downAfterMillis(),
                    m.failoverTimeoutMillis(), m.parallelSyncs(), null, null, null, null, 0, m.renamedCommands(),
                    List.of(new Address("127.0.0.1", 8000 + i)),
                    List.of(new KnownSentinel(new Address("127.0.0.1", 26380), PEERS[0]),
                            new KnownSentinel(new Address("127.0.0.1", 26381), PEERS[1])), 0, 0, null));
        }
        return c.withRuntime(MYID, 0, masters);
    }

    private static MasterConfig voted(MasterConfig m, long epoch, String leader) {
        return new MasterConfig(m.name(), m.address(), m.quorum(), m.downAfterMillis(), m.failoverTimeoutMillis(),
                m.parallelSyncs(), m.authUser(), m.authPass(), m.notificationScript(), m.clientReconfigScript(),
                m.masterRebootDownAfterPeriodMillis(), m.renamedCommands(), m.knownReplicas(), m.knownSentinels(),
                m.configEpoch(), epoch, leader);
    }

    private static String stats(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        return String.format(Locale.ROOT, "{\"median\": %.1f, \"p90\": %.1f, \"mean\": %.1f}",
                s[s.length / 2] / 1e3, s[(int) (s.length * 0.9)] / 1e3, mean / 1e3);
    }
}
