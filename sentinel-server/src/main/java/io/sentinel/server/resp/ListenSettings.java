package io.sentinel.server.resp;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the RESP server listens, from redis-server 7.0's socket directives (checked when the config was read).
 *
 * @param backlog        {@code tcp-backlog}: the listen backlog of every listening socket (TCP, TLS, Unix), which the
 *                       kernel caps at net.core.somaxconn; {@link #DEFAULT_BACKLOG} when not configured
 * @param unixSocket     {@code unixsocket} resolved against {@code dir} (Redis opens it after its chdir there); null:
 *                       no Unix socket listener
 * @param unixSocketName the {@code unixsocket} value as written, which CLIENT LIST shows as Redis does
 *                       ({@code addr=<unixsocket>:0})
 * @param unixSocketPerm {@code unixsocketperm}: the socket file's mode; 0 leaves it as the umask made it, as Redis
 */
public record ListenSettings(int backlog, Path unixSocket, String unixSocketName, int unixSocketPerm) {
    /**
     * Our listen backlog when {@code tcp-backlog} is not set. redis-sentinel's default is 511; after +switch-master
     * every application reconnects at once, and the reconnect-storm benchmark (1,000 clients, docs/benchmarks.md)
     * overflowed a 511 queue in 30 of 68 storms, each overflow a SYN retried after 1 s. The kernel caps it at
     * net.core.somaxconn (4096 on Linux 5.4+).
     */
    public static final int DEFAULT_BACKLOG = 4096;
    public static final ListenSettings DEFAULTS = new ListenSettings(DEFAULT_BACKLOG, null, null, 0);

    public ListenSettings {
        if (backlog < 0) throw new IllegalArgumentException("negative backlog");
        if (unixSocketPerm < 0 || unixSocketPerm > 0777) throw new IllegalArgumentException("bad unixsocketperm");
        if ((unixSocket == null) != (unixSocketName == null)) throw new IllegalArgumentException("unixsocket name");
    }

    /** From the server settings the config reader checked; a relative {@code unixsocket} resolves against {@code dir}. */
    public static ListenSettings from(Map<String, String> s, Path dir) {
        int backlog = s.containsKey("tcp-backlog") ? Integer.parseInt(s.get("tcp-backlog")) : DEFAULT_BACKLOG;
        String name = s.get("unixsocket");
        Path socket = name == null ? null : dir.resolve(name).toAbsolutePath().normalize();
        int perm = s.containsKey("unixsocketperm") ? Integer.parseInt(s.get("unixsocketperm"), 8) : 0;
        return new ListenSettings(backlog, socket, name, perm);
    }

    public ListenSettings withUnixSocket(Path socket, int perm) {
        return new ListenSettings(backlog, socket, socket == null ? null : socket.toString(), perm);
    }
}
