package io.sentinel.server.e2e;

import io.sentinel.core.model.Address;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile clients against one sentinel, all at once: connections that never send a byte; clients writing seeded
 * random garbage ({@link Garbage}) as fast as the sentinel takes it, reconnecting when it closes them; a client
 * announcing a 1 GB bulk ({@code *1\r\n$1000000000\r\n}) and trickling bytes after it; a client sending a 1 GB
 * request of arguments each within the size cap (2,048 of 512 KiB) as fast as it can; a subscriber (PSUBSCRIBE *,
 * receive buffer 4 KB) that never reads and pipelines PINGs until its socket blocks. {@link #close} closes every
 * socket and ends every thread.
 */
final class HostileLoad implements AutoCloseable {
    private static final byte[] BIG_BULK = "*1\r\n$1000000000\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BIG_REQUEST_HEADER = "*2048\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BIG_REQUEST_ARG = ("$524288\r\n" + "r".repeat(524288) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    /** The 1 GB request's pause before it starts again: its rate (each try pushes megabytes through loopback). */
    private static final long BIG_REQUEST_AGAIN_MILLIS = 200;
    /** A hoarder's request: one whole 512 KiB argument and most of a second, then nothing (about 1 MiB held). */
    private static final byte[] HOARD = ("*3\r\n$524288\r\n" + "h".repeat(524288) + "\r\n$524288\r\n"
            + "h".repeat(500_000)).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PINGS = "*1\r\n$4\r\nPING\r\n".repeat(64).getBytes(StandardCharsets.US_ASCII);
    /** A closed client's pause before it connects again: its reconnect rate, not synchronisation. */
    private static final long RECONNECT_MILLIS = 20;
    /** The 1 GB client's pause between trickled bytes: its rate, also how long it waits for the sentinel's reply. */
    private static final int TRICKLE_MILLIS = 10;
    static final String SUBSCRIBER_NAME = "slow-subscriber";

    final AtomicLong connections = new AtomicLong();
    final AtomicLong idleOpened = new AtomicLong();
    final AtomicLong garbageBytes = new AtomicLong();
    final AtomicLong garbageClosed = new AtomicLong();
    final AtomicLong bigBulkAttempts = new AtomicLong();
    final AtomicLong bigBulkTrickled = new AtomicLong();
    final AtomicLong bigBulkLongestOpenMillis = new AtomicLong();
    final AtomicLong bigRequestAttempts = new AtomicLong();
    final AtomicLong bigRequestMostSent = new AtomicLong();
    final AtomicLong subscriberBytes = new AtomicLong();
    final AtomicLong hoardersSent = new AtomicLong();
    final AtomicLong hoardersRefused = new AtomicLong();
    /** The first answer a hoarder got (the sentinel cut it), counted when the load stops. */
    volatile String hoarderReply;
    private final List<Socket> hoarders = new ArrayList<>();
    /** The sentinel's first reply to the 1 GB bulk, and how the subscriber's writes ended (null: still blocked). */
    volatile String bigBulkReply;
    volatile String bigRequestReply;
    volatile String subscriberEnd;
    volatile String idleFailure;

    private final Address target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /** The counts, for a test's report line. */
    String summary() {
        return String.format("%d connections opened (%d idle), %d garbage bytes sent, %d garbage connections closed"
                + " by the sentinel; 1 GB bulk: %d tries, longest open %d ms, %d bytes trickled, answer '%s'; 1 GB"
                + " request: %d tries, at most %d bytes sent, answer '%s'; %d hoarders sent their 1 MiB, %d cut"
                + " (answer '%s')", connections.get(), idleOpened.get(),
                garbageBytes.get(), garbageClosed.get(), bigBulkAttempts.get(), bigBulkLongestOpenMillis.get(),
                bigBulkTrickled.get(), bigBulkReply, bigRequestAttempts.get(), bigRequestMostSent.get(),
                bigRequestReply, hoardersSent.get(), hoardersRefused.get(), hoarderReply);
    }

    private HostileLoad(Address target) {
        this.target = target;
    }

    /** Opens {@code idle} idle connections, then starts the other clients; garbage client i uses seed + i. */
    static HostileLoad start(Address target, long seed, int idle, int garbageClients, int hoarders) {
        HostileLoad load = new HostileLoad(target);
        try {
            load.openIdle(idle);
            for (int i = 0; i < garbageClients; i++) {
                Random random = new Random(seed + i);
                load.thread("garbage-" + i, () -> load.garbage(random));
            }
            load.thread("big-bulk", load::bigBulk);
            load.thread("big-request", load::bigRequest);
            load.thread("slow-subscriber", load::slowSubscriber);
            load.thread("hoarders", () -> load.hoard(hoarders));
        } catch (RuntimeException | Error e) {
            load.close();
            throw e;
        }
        return load;
    }

    private void thread(String name, Runnable body) {
        Thread t = new Thread(body, "hostile-" + name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        open.add(s);
        s.connect(new InetSocketAddress(target.host(), target.port()), 5000);
        connections.incrementAndGet();
        return s;
    }

    private void openIdle(int n) {
        for (int i = 0; i < n; i++) {
            try {
                connect();
                idleOpened.incrementAndGet();
            } catch (IOException e) {
                idleFailure = "connection " + (i + 1) + " of " + n + ": " + e;
                return;
            }
        }
    }

    /** Writes garbage, drains whatever comes back so it is always read; connects again once closed. */
    private void garbage(Random random) {
        byte[] drain = new byte[16 * 1024];
        while (running) {
            Socket s = null;
            try {
                s = connect();
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                while (running) {
                    byte[] chunk = Garbage.next(random);
                    out.write(chunk);
                    garbageBytes.addAndGet(chunk.length);
                    while (in.available() > 0) in.read(drain);
                }
            } catch (IOException e) {
                if (running) garbageClosed.incrementAndGet();
            } finally {
                close(s);
            }
            pause(RECONNECT_MILLIS);
        }
    }

    /** Announces 1 GB, then sends a byte every TRICKLE_MILLIS until the sentinel closes; then again. */
    private void bigBulk() {
        byte[] reply = new byte[1024];
        while (running) {
            Socket s = null;
            long start = System.nanoTime();
            try {
                s = connect();
                bigBulkAttempts.incrementAndGet();
                s.setSoTimeout(TRICKLE_MILLIS);
                s.getOutputStream().write(BIG_BULK);
                while (running) {
                    try {
                        int n = s.getInputStream().read(reply);
                        if (n < 0) break;
                        if (bigBulkReply == null) bigBulkReply = new String(reply, 0, n, StandardCharsets.UTF_8).trim();
                    } catch (SocketTimeoutException e) {
                        s.getOutputStream().write('x');
                        bigBulkTrickled.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // closed by the sentinel while trickling
            } finally {
                close(s);
            }
            bigBulkLongestOpenMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
            pause(RECONNECT_MILLIS);
        }
    }

    /** Sends 2,048 arguments of 512 KiB until the sentinel answers or closes, then reads its answer; then again. */
    private void bigRequest() {
        while (running) {
            Socket s = null;
            long sent = 0;
            try {
                s = connect();
                bigRequestAttempts.incrementAndGet();
                OutputStream out = s.getOutputStream();
                out.write(BIG_REQUEST_HEADER);
                for (int i = 0; i < 2048 && running && s.getInputStream().available() == 0; i++) {
                    out.write(BIG_REQUEST_ARG);
                    sent += BIG_REQUEST_ARG.length;
                }
            } catch (IOException e) {
                // closed by the sentinel while sending: its answer may still be there to read
            }
            if (s != null && bigRequestReply == null) bigRequestReply = firstReply(s);
            close(s);
            bigRequestMostSent.accumulateAndGet(sent, Math::max);
            pause(BIG_REQUEST_AGAIN_MILLIS);
        }
    }

    /**
     * {@code n} clients, one after the other, each sending about 1 MiB of a request it never finishes and keeping
     * the connection: more than the heap together, unless the sentinel's input budget cuts them.
     */
    private void hoard(int n) {
        for (int i = 0; i < n && running; i++) {
            try {
                Socket s = connect();
                synchronized (hoarders) {
                    hoarders.add(s);
                }
                s.getOutputStream().write(HOARD);
                hoardersSent.incrementAndGet();
            } catch (IOException e) {
                // cut while sending: counted with the others when the load stops
            }
        }
    }

    /** Each hoarder's answer, if the sentinel sent one (only a cut one gets any). */
    private void countCutHoarders() {
        synchronized (hoarders) {
            for (Socket s : hoarders) {
                String reply = s.isClosed() ? null : replyIfAny(s);
                if (reply == null) continue;
                hoardersRefused.incrementAndGet();
                if (hoarderReply == null) hoarderReply = reply;
            }
        }
    }

    private static String replyIfAny(Socket s) {
        byte[] reply = new byte[1024];
        try {
            s.setSoTimeout(20);
            int n = s.getInputStream().read(reply);
            return n > 0 ? new String(reply, 0, n, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** What the sentinel sent first, waiting up to a second; null if nothing came. */
    private static String firstReply(Socket s) {
        byte[] reply = new byte[1024];
        try {
            s.setSoTimeout(1000);
            int n = s.getInputStream().read(reply);
            return n > 0 ? new String(reply, 0, n, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** PSUBSCRIBE *, then PINGs without ever reading, until the write blocks (or fails: disconnected). */
    private void slowSubscriber() {
        Socket s = new Socket();
        open.add(s);
        try {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress(target.host(), target.port()), 5000);
            connections.incrementAndGet();
            OutputStream out = s.getOutputStream();
            String subscribe = "*3\r\n$6\r\nCLIENT\r\n$7\r\nSETNAME\r\n$" + SUBSCRIBER_NAME.length() + "\r\n"
                    + SUBSCRIBER_NAME + "\r\n*2\r\n$10\r\nPSUBSCRIBE\r\n$1\r\n*\r\n";
            out.write(subscribe.getBytes(StandardCharsets.US_ASCII));
            while (running) {
                out.write(PINGS);
                subscriberBytes.addAndGet(PINGS.length);
            }
        } catch (IOException e) {
            if (running) subscriberEnd = "disconnected after " + subscriberBytes.get() + " bytes sent: " + e;
        } finally {
            close(s);
        }
    }

    private void close(Socket s) {
        if (s == null) return;
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every client: closes every socket (a blocked write fails at once), waits for the threads. */
    @Override
    public void close() {
        running = false;
        countCutHoarders();
        for (Socket s : List.copyOf(open)) close(s);
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) throw new AssertionError(t.getName() + " still running after close");
        }
    }
}
