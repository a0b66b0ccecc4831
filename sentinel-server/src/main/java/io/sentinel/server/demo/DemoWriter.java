package io.sentinel.server.demo;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.List;

/**
 * A tiny application: an INCR of one counter every few ms, to whatever master the sentinels name, as a
 * Sentinel-aware client does; the replies tell whether acknowledged increments were lost ({@link WriterStats}).
 * Each failure drops the connection, and the next write asks the sentinels again (Lettuce's sentinel URI), so the
 * writer's view shows how long the application could not write, whichever sentinels run.
 */
final class DemoWriter implements AutoCloseable {
    static final long PAUSE_MILLIS = 5;
    static final String COUNTER = "demo:counter";
    private static final Duration TIMEOUT = Duration.ofMillis(250);

    private final RedisClient client = RedisClient.create();
    private final List<DemoProcess> sentinels;
    private int firstSentinel;
    private final DemoTimeline timeline;
    private final Thread thread = new Thread(this::run, "demo-writer");
    private volatile boolean running = true;
    private StatefulRedisConnection<String, String> connection;
    private String address;

    DemoWriter(List<DemoProcess> sentinels, DemoTimeline timeline) {
        this.timeline = timeline;
        this.sentinels = List.copyOf(sentinels);
        // RESP2 (no HELLO), no auto-reconnect and no queueing while disconnected: a write either happens now or
        // counts as failed, which is what an application with a short timeout experiences
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT)).build());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                if (connection == null) connect();
                long value = connection.sync().incr(COUNTER);
                timeline.writeSucceeded(address, value, System.nanoTime());
            } catch (RuntimeException e) {
                if (!running) return;
                timeline.writeFailed(reason(e), System.nanoTime());
                disconnect();
                // Lettuce asks the sentinels in list order and believes the first answer: a sentinel that never
                // saw the failover would keep us on the dead master. Next time, start with the next one.
                firstSentinel = (firstSentinel + 1) % sentinels.size();
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Asks the sentinels for the master, connects, and learns which redis that is (its tcp_port). */
    private void connect() {
        connection = client.connect(sentinelUri());
        String port = StatusTable.field(connection.sync().info("server"), "tcp_port");
        address = DemoProcess.HOST + ":" + port;
    }

    private RedisURI sentinelUri() {
        DemoProcess first = sentinels.get(firstSentinel);
        RedisURI.Builder builder = RedisURI.Builder.sentinel(DemoProcess.HOST, first.port, DemoCluster.MASTER_NAME);
        for (int i = 1; i < sentinels.size(); i++) {
            builder.withSentinel(DemoProcess.HOST, sentinels.get((firstSentinel + i) % sentinels.size()).port);
        }
        return builder.withTimeout(TIMEOUT).build();
    }

    private void disconnect() {
        if (connection == null) return;
        try {
            connection.closeAsync();
        } catch (RuntimeException e) {
            // already broken: nothing left to release
        }
        connection = null;
    }

    /**
     * What went wrong, short enough for the panel: the root cause's first line without the native call's name
     * ("recvAddress(..) failed: Connection reset by peer" becomes "Connection reset by peer").
     */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        message = message.lines().findFirst().orElse("").strip();
        int failed = message.indexOf("failed: ");
        if (failed >= 0) message = message.substring(failed + "failed: ".length());
        return message.length() > 60 ? message.substring(0, 57) + "..." : message;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnect();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
