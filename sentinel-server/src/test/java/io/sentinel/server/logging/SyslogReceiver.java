package io.sentinel.server.logging;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.DomainDatagramSocketAddress;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A syslog daemon's socket of a test's own (never /dev/log): an AF_UNIX datagram socket bound in a temp dir. */
final class SyslogReceiver implements AutoCloseable {
    final Path path;
    private final Socket socket;
    private final List<String> received = new ArrayList<>();

    SyslogReceiver(Path path) throws IOException {
        Epoll.ensureAvailability();
        this.path = path;
        this.socket = Socket.newSocketDomainDgram();
        socket.bind(new DomainSocketAddress(path.toFile()));
    }

    /** Every datagram queued now, in arrival order, added to what was read before; returns all of them. */
    List<String> drain() throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        while (true) {
            buf.clear();
            DomainDatagramSocketAddress from = socket.recvFromDomainSocket(buf, 0, buf.capacity());
            if (from == null) return List.copyOf(received);
            byte[] b = new byte[from.receivedAmount()];
            buf.get(0, b);
            received.add(new String(b, StandardCharsets.UTF_8));
        }
    }

    /** Polls until a datagram matches, for at most {@code timeout}; fails with what arrived. */
    String await(Predicate<String> match, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String d : drain()) {
                if (match.test(d)) return d;
            }
            if (System.nanoTime() > deadline) throw new AssertionError("no such datagram; received:\n" + received);
            Thread.onSpinWait();
        }
    }

    /** Polls until {@code count} datagrams have arrived in all, for at most {@code timeout}; returns them. */
    List<String> awaitCount(int count, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (drain().size() < count) {
            if (System.nanoTime() > deadline) throw new AssertionError(count + " datagrams expected; got:\n" + received);
            Thread.onSpinWait();
        }
        return List.copyOf(received);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
