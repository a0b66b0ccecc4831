package io.sentinel.server.stepdown;

import io.sentinel.core.model.Address;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code step-down}: moves the master away from this pod's Redis before it stops, or does nothing when that Redis
 * is not the master. Asks one sentinel for the master; if it is {@code ifAddress}, sends the failover and waits until
 * every reachable sentinel (the one asked and its {@code SENTINEL SENTINELS} peers) reports one same other master.
 * One line on stdout says what happened; the exit code is for the hook ({@link #OK}, {@link #FAILED},
 * {@link #TIMED_OUT}; picocli's 2 for bad arguments).
 */
public final class StepDown {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int TIMED_OUT = 3;
    static final int IO_TIMEOUT_MILLIS = 2000;
    static final long POLL_MILLIS = 200;

    /**
     * The failover request: a coordinated switchover (issue 14: writes paused while the replica catches up, no
     * acknowledged write lost); {@link #plainFailoverCommand} where the sentinel or the master cannot do one.
     */
    static List<String> failoverCommand(String master) {
        return List.of("SENTINEL", "FAILOVER", master, "COORDINATED");
    }

    static List<String> plainFailoverCommand(String master) {
        return List.of("SENTINEL", "FAILOVER", master);
    }

    /** A redis-sentinel (no COORDINATED) or a master older than Redis 6.2 (no FAILOVER command). */
    static boolean cannotCoordinate(String error) {
        return error.startsWith("NOGOODPRIMARY Primary does not support") || error.contains("wrong number of arguments")
                || error.contains("Unknown failover option");
    }

    public record Options(Address sentinel, String master, Address ifAddress, long timeoutMillis, String user,
                   String password) {
    }

    private final Options o;
    private final PrintStream out;
    private final PrintStream err;
    private long started;

    StepDown(Options options, PrintStream out, PrintStream err) {
        this.o = options;
        this.out = out;
        this.err = err;
    }

    int run() {
        started = System.nanoTime();
        long deadline = started + o.timeoutMillis() * 1_000_000;
        Address master;
        List<Address> sentinels = new ArrayList<>(List.of(o.sentinel()));
        try (RespClient c = connect(o.sentinel())) {
            Object reply = c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", o.master());
            // a sentinel restarted moments ago confirms the address with its peers first (docs/failover.md)
            while (reply instanceof RespClient.Err e && e.text().startsWith("NOTCONFIRMED")
                    && System.nanoTime() < deadline) {
                sleep();
                reply = c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", o.master());
            }
            if (reply instanceof RespClient.Err e) return fail("sentinel " + o.sentinel().hostPort() + ": " + e.text());
            master = address(reply);
            if (master == null) return fail("sentinel " + o.sentinel().hostPort() + " knows no master " + o.master());
            if (!same(master, o.ifAddress())) {
                out.println("step-down: " + o.master() + ": " + o.ifAddress().hostPort() + " is not the master ("
                        + master.hostPort() + " is): nothing to do");
                return OK;
            }
            sentinels.addAll(peers(c.call("SENTINEL", "SENTINELS", o.master())));
            Object failover = c.call(failoverCommand(o.master()).toArray(String[]::new));
            if (failover instanceof RespClient.Err e && cannotCoordinate(e.text())) {
                out.println("step-down: " + o.master() + ": no coordinated switchover here (" + e.text()
                        + "): asking for a plain failover");
                failover = c.call(plainFailoverCommand(o.master()).toArray(String[]::new));
            }
            if (failover instanceof RespClient.Err e && !e.text().startsWith("INPROG")) {
                return fail(o.master() + ": failover refused: " + e.text());
            }
        } catch (IOException e) {
            return fail("cannot ask sentinel " + o.sentinel().hostPort() + ": " + e.getMessage());
        }
        return awaitNewMaster(master, sentinels, deadline);
    }

    /** Polls every sentinel until all that answer report one same master other than {@code old}. */
    private int awaitNewMaster(Address old, List<Address> sentinels, long deadlineNanos) {
        String last = "";
        while (true) {
            Set<Address> reported = new LinkedHashSet<>();
            List<String> unreachable = new ArrayList<>();
            List<String> states = new ArrayList<>();
            for (Address s : sentinels) {
                Address m = askMaster(s);
                if (m == null) unreachable.add(s.hostPort());
                else reported.add(m);
                states.add(s.hostPort() + "=" + (m == null ? "?" : m.hostPort()));
            }
            last = String.join(" ", states);
            boolean moved = reported.size() == 1 && !same(reported.iterator().next(), old);
            if (moved) {
                out.println("step-down: " + o.master() + ": master moved from " + old.hostPort() + " to "
                        + reported.iterator().next().hostPort() + " (" + (sentinels.size() - unreachable.size())
                        + " of " + sentinels.size() + " sentinels agree"
                        + (unreachable.isEmpty() ? "" : "; unreachable: " + String.join(" ", unreachable)) + ") in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
                return OK;
            }
            if (System.nanoTime() >= deadlineNanos) break;
            sleep();
        }
        err.println("step-down: " + o.master() + ": timed out after " + o.timeoutMillis() + " ms waiting for every"
                + " reachable sentinel to report a master other than " + old.hostPort() + " (" + last + ")");
        return TIMED_OUT;
    }

    /** What sentinel {@code s} reports as the master, or null when it cannot be asked. */
    private Address askMaster(Address s) {
        try (RespClient c = connect(s)) {
            return address(c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", o.master()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private RespClient connect(Address a) throws IOException {
        return RespClient.connect(a, IO_TIMEOUT_MILLIS, o.user(), o.password());
    }

    private int fail(String message) {
        err.println("step-down: " + message);
        return FAILED;
    }

    private static Address address(Object reply) {
        if (!(reply instanceof List<?> l) || l.size() != 2) return null;
        return new Address(String.valueOf(l.get(0)), Integer.parseInt(String.valueOf(l.get(1))));
    }

    /** {@code SENTINEL SENTINELS}: a list of flat field/value lists, with {@code ip} and {@code port}. */
    static List<Address> peers(Object reply) {
        List<Address> peers = new ArrayList<>();
        if (!(reply instanceof List<?> list)) return peers;
        for (Object entry : list) {
            if (!(entry instanceof List<?> fields)) continue;
            String ip = null;
            String port = null;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if ("ip".equals(fields.get(i))) ip = String.valueOf(fields.get(i + 1));
                if ("port".equals(fields.get(i))) port = String.valueOf(fields.get(i + 1));
            }
            if (ip != null && port != null) peers.add(new Address(ip, Integer.parseInt(port)));
        }
        return peers;
    }

    /** Same port, and the same name (ignoring case) or a name and an IP that resolve to a common address. */
    static boolean same(Address a, Address b) {
        if (a.port() != b.port()) return false;
        if (a.host().equalsIgnoreCase(b.host())) return true;
        try {
            Set<InetAddress> left = new HashSet<>(Arrays.asList(InetAddress.getAllByName(a.host())));
            for (InetAddress x : InetAddress.getAllByName(b.host())) if (left.contains(x)) return true;
            return false;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
