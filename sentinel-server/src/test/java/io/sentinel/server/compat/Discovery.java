package io.sentinel.server.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Waits, with a deadline, until a real sentinel knows the whole topology, and says what it saw when it gives up. */
final class Discovery {
    private Discovery() {
    }

    static void await(int sentinelPort, int replicas, int peers, long timeoutMillis, Path logs) throws Exception {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            try (RawRespClient c = new RawRespClient(sentinelPort, 2)) {
                RespNode r = c.call("SENTINEL", "REPLICAS", "mymaster");
                RespNode s = c.call("SENTINEL", "SENTINELS", "mymaster");
                RespNode cache = c.call("SENTINEL", "INFO-CACHE", "mymaster");
                last = "replicas=" + r.shape() + " sentinels=" + s.shape() + " info-cache=" + cache.shape();
                if (complete(r, replicas, "slave") && complete(s, peers, "sentinel") && cached(cache, replicas + 1)) {
                    return;
                }
            } catch (RuntimeException notUpYet) {
                last = notUpYet.toString();
            }
            Thread.sleep(100); // poll interval, not synchronisation: the loop ends on the condition or the deadline
        }
        throw new AssertionError("sentinel did not discover the topology in time; last: " + last + "\n" + logs(logs));
    }

    /** {@code count} instances, each flagged exactly {@code flags} (not disconnected, not down). */
    private static boolean complete(RespNode list, int count, String flags) {
        if (list.children().size() != count) return false;
        for (RespNode instance : list.children()) {
            List<String> kv = instance.texts();
            if (!flags.equals(kv.get(kv.indexOf("flags") + 1))) return false;
            int status = kv.indexOf("master-link-status");
            if (status >= 0 && !"ok".equals(kv.get(status + 1))) return false;
        }
        return true;
    }

    private static boolean cached(RespNode cache, int instances) {
        if (cache.children().size() != 2) return false;
        List<RespNode> infos = cache.children().get(1).children();
        return infos.size() == instances && infos.stream().noneMatch(i -> i.children().get(1).isNull());
    }

    private static String logs(Path dir) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                List<String> lines = Files.readAllLines(f);
                out.append("== ").append(f.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())))
                        .append('\n');
            }
        }
        return out.toString();
    }
}
