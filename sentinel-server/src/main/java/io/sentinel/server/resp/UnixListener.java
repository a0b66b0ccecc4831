package io.sentinel.server.resp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.unix.DomainSocketAddress;
import io.sentinel.server.transport.NettyResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code unixsocket} listener, as redis-server's initServer and anetUnixServer open it: a stale socket file is
 * removed first, the socket listens with the TCP backlog, {@code unixsocketperm} (when not 0) is applied with a chmod
 * after the bind, and the file is removed again on close (Redis removes it at shutdown).
 */
final class UnixListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UnixListener.class);
    /** sizeof(sockaddr_un.sun_path): the path and its terminating NUL. */
    private static final int SUN_PATH_SIZE = 108;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Channel channel;
    private final Path path;

    private UnixListener(Channel channel, Path path) {
        this.channel = channel;
        this.path = path;
    }

    /** Listens on {@code s.unixSocket()}, or throws with Redis's "Failed opening Unix socket: ..." and the reason. */
    static UnixListener open(NettyResources netty, ListenSettings s, RespLimits limits, ChannelHandler clients) {
        Path path = s.unixSocket();
        try {
            ServerBootstrap b = new ServerBootstrap().group(netty.respAcceptor(), netty.respClients())
                    .channel(netty.serverDomainChannelType())
                    .option(ChannelOption.SO_BACKLOG, s.backlog())
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                            limits.writeLowWaterBytes(), limits.writeHighWaterBytes()))
                    .childHandler(clients);
            checkLength(path);
            removeStaleSocket(path);
            Channel ch = bind(b, path);
            if (s.unixSocketPerm() != 0) chmod(path, s.unixSocketPerm());
            LOG.info("RESP server listening on unix socket {}", path);
            return new UnixListener(ch, path);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Failed opening Unix socket: " + e.getMessage(), e);
        }
    }

    private static void checkLength(Path path) {
        int length = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > SUN_PATH_SIZE - 1) {
            throw new IllegalStateException("unix socket path too long (" + length + "), must be under "
                    + SUN_PATH_SIZE);
        }
    }

    /**
     * Redis unlinks whatever the path names; we remove only a socket (a leftover of a killed sentinel), so a
     * mistyped path never deletes a file.
     */
    private static void removeStaleSocket(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if ((mode & S_IFMT) != S_IFSOCK) {
                throw new IllegalStateException(path + " exists and is not a socket (left as it is)");
            }
            Files.delete(path);
        } catch (NoSuchFileException e) {
            // nothing to remove
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot remove the old socket " + path + ": " + e.getMessage(), e);
        }
    }

    private static Channel bind(ServerBootstrap b, Path path) {
        try {
            return b.bind(new DomainSocketAddress(path.toString())).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new IllegalStateException("bind: " + BindAddress.reason(e), e);
        }
    }

    /** Redis ignores a failed chmod; we say so in the log. */
    private static void chmod(Path path, int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE: 0400 .. 0001
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) perms.add(bits[i]);
        }
        try {
            Files.setPosixFilePermissions(path, perms);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("unixsocketperm {}: chmod of {} failed: {}", Integer.toOctalString(mode), path, e.toString());
        }
    }

    /** Stops listening and removes the socket file. Its clients are closed by the server, with the TCP ones. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("could not remove the unix socket {}: {}", path, e.toString());
        }
    }
}
