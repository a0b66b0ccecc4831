package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/** notification-script and client-reconfig-script run by real sentinels, with real scripts, on real events. */
class ScriptsIT {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();
    @TempDir
    Path dir;
    final List<SentinelProcess> sentinels = new ArrayList<>();

    /** A script that appends its arguments, one line per run, to {@code <name>.out} beside it. */
    Path recordingScript(String name) throws IOException {
        return script(name, "echo \"$*\" >> '" + dir.resolve(name + ".out") + "'");
    }

    Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name + ".sh");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    List<String> lines(String name) {
        Path out = dir.resolve(name + ".out");
        try {
            return Files.exists(out) ? Files.readAllLines(out) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String state() {
        return sentinels.stream().map(SentinelProcess::describe).collect(Collectors.joining("\n"));
    }

    @Test
    void theNotificationScriptGetsWarningEventsWithTypeAndMessage() throws Exception {
        RedisProcess master = processes.add(RedisProcess.master());
        Path notify = recordingScript("notify");
        sentinels.add(processes.add(new SentinelProcess(new SentinelConf().monitor("mymaster", master.address(), 1)
                .downAfterMillis(1000).masterOption("notification-script", notify.toString()))));
        Address a = master.address();
        String described = "master mymaster " + a.host() + " " + a.port();
        Await.until(DEADLINE, "+monitor ran the script", () -> lines("notify").contains("+monitor " + described
                + " quorum 1"), this::state);
        master.sigstop();
        try {
            Await.until(DEADLINE, "+sdown ran the script", () -> lines("notify").contains("+sdown " + described),
                    this::state);
        } finally {
            master.sigcont();
        }
        Await.until(DEADLINE, "-sdown ran the script", () -> lines("notify").contains("-sdown " + described),
                this::state);
        assertTrue(lines("notify").stream().noneMatch(l -> l.startsWith("+slave") || l.startsWith("+sentinel ")),
                "notice-level events run no script: " + lines("notify"));
    }

    @Test
    void theClientReconfigScriptRunsOnTheLeaderAndTheObserversWithSevenArguments() throws Exception {
        RedisProcess master = processes.add(RedisProcess.master());
        List<RedisProcess> replicas = List.of(processes.add(RedisProcess.replicaOf(master)),
                processes.add(RedisProcess.replicaOf(master)));
        Path reconf = recordingScript("reconf");
        for (int i = 0; i < 3; i++) {
            sentinels.add(processes.add(new SentinelProcess(new SentinelConf().monitor("mymaster", master.address(), 2)
                    .downAfterMillis(1000).failoverTimeoutMillis(6000)
                    .masterOption("client-reconfig-script", reconf.toString()))));
        }
        Await.until(DEADLINE, "sentinels and replicas discovered", () -> sentinels.stream().allMatch(s -> {
            try (Jedis j = s.jedis()) {
                return j.sentinelSentinels("mymaster").size() == 2 && j.sentinelReplicas("mymaster").size() == 2;
            }
        }), this::state);
        Address old = master.address();
        master.sigkill();
        Await.until(DEADLINE, "a leader and two observers ran the script", () -> lines("reconf").size() == 3,
                () -> lines("reconf") + "\n" + state());
        List<String> leader = lines("reconf").stream().filter(l -> l.contains(" leader ")).toList();
        assertEquals(1, leader.size(), "one leader: " + lines("reconf"));
        String[] args = leader.get(0).split(" ");
        assertEquals(7, args.length, leader.get(0));
        Address promoted = new Address(args[5], Integer.parseInt(args[6]));
        assertNotEquals(old, promoted);
        assertTrue(replicas.stream().anyMatch(r -> r.address().equals(promoted)), "promoted one of the replicas");
        String move = old.host() + " " + old.port() + " " + promoted.host() + " " + promoted.port();
        assertEquals("mymaster leader start " + move, leader.get(0));
        assertEquals(List.of("mymaster observer start " + move, "mymaster observer start " + move),
                lines("reconf").stream().filter(l -> !l.contains(" leader ")).toList());
    }

    @Test
    void aScriptOverScriptMaxRuntimeIsKilledAndReported() throws Exception {
        RedisProcess master = processes.add(RedisProcess.master());
        Path hangs = script("hangs", "exec sleep 60");
        SentinelProcess sentinel = processes.add(new SentinelProcess(new SentinelConf()
                .monitor("mymaster", master.address(), 1).masterOption("notification-script", hangs.toString())));
        sentinels.add(sentinel);
        Await.until(DEADLINE, "the +monitor script is running", () -> "running".equals(pending(sentinel, "flags"))
                && info(sentinel).contains("sentinel_running_scripts:1"), this::state);
        String pid = pending(sentinel, "pid");
        assertEquals(List.of(hangs.toString(), "+monitor",
                "master mymaster " + master.address().host() + " " + master.address().port() + " quorum 1"),
                argv(sentinel));
        try (EventLog timeouts = EventLog.subscribe(sentinel, "-script-timeout"); Jedis j = sentinel.jedis()) {
            j.sendCommand(Protocol.Command.SENTINEL, "debug", "script-max-runtime", "500");
            timeouts.await("-script-timeout", DEADLINE);
            assertEquals(List.of("-script-timeout " + hangs + " " + pid), timeouts.received);
        }
        Await.until(DEADLINE, "killed, and scheduled to run again", () -> "scheduled".equals(pending(sentinel, "flags"))
                && "1".equals(pending(sentinel, "retry-num")) && info(sentinel).contains("sentinel_running_scripts:0")
                && info(sentinel).contains("sentinel_scripts_queue_length:1"), this::state);
        assertTrue(ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true), "the script is dead");
        Await.until(DEADLINE, "logged as Redis does", () -> sentinel.logTail(200)
                .contains(" # -script-timeout " + hangs + " " + pid), this::state);
    }

    static String info(SentinelProcess s) {
        try (Jedis j = s.jedis()) {
            return j.info("sentinel");
        }
    }

    /** A field of the first SENTINEL PENDING-SCRIPTS entry, or null when the queue is empty. */
    static String pending(SentinelProcess s, String field) {
        Map<String, Object> first = firstPending(s);
        return first == null ? null : String.valueOf(first.get(field));
    }

    @SuppressWarnings("unchecked")
    static List<String> argv(SentinelProcess s) {
        return ((List<byte[]>) firstPending(s).get("argv")).stream().map(String::new).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstPending(SentinelProcess s) {
        try (Jedis j = s.jedis()) {
            List<Object> reply = (List<Object>) j.sendCommand(Protocol.Command.SENTINEL, "pending-scripts");
            if (reply.isEmpty()) return null;
            List<Object> flat = (List<Object>) reply.get(0);
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < flat.size(); i += 2) {
                Object v = flat.get(i + 1);
                m.put(new String((byte[]) flat.get(i)), v instanceof byte[] b ? new String(b) : v);
            }
            return m;
        }
    }
}
