package io.sentinel.server.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The failover after the last fault the demo injected (SIGKILL or SIGSTOP of the master), step by step in ms since
 * the fault: from the events of all the sentinels, the writer's results and the replicas' links. Fed by the pub/sub
 * threads, the writer thread and the screen loop, hence synchronized; times are System.nanoTime values.
 */
final class DemoTimeline {
    /**
     * What the demo did to whom, and when; {@code planned}: a switchover asked of the sentinels, not a crash.
     */
    record Fault(String action, String address, String who, long atNanos, boolean planned) {
    }

    private record Reached(Milestone milestone, String detail, long atNanos) {
    }

    private final Map<String, String> names;
    private final int sentinelCount;
    private final Map<Milestone, Reached> reached = new EnumMap<>(Milestone.class);
    private final List<Reached> inOrder = new ArrayList<>();
    private final Map<String, Long> epochs = new HashMap<>();
    private final Set<String> candidates = new LinkedHashSet<>();
    private final Set<String> switched = new LinkedHashSet<>();
    private final WriterStats writer = new WriterStats();
    private Fault fault;
    /** The writer's lost writes when the fault came: the summary tells those lost since. */
    private long lostBefore;
    private String newMaster;
    private int drained;

    /** {@code names}: address ("127.0.0.1:port") to the demo's name for it ("redis-2"). */
    DemoTimeline(Map<String, String> names, int sentinelCount) {
        this.names = Map.copyOf(names);
        this.sentinelCount = sentinelCount;
    }

    /** Starts a new timeline: everything before belonged to the previous fault. */
    synchronized void faultInjected(Fault next) {
        fault = next;
        lostBefore = writer.lost();
        reached.clear();
        inOrder.clear();
        candidates.clear();
        switched.clear();
        newMaster = null;
        drained = 0;
    }

    /** An event one sentinel published ({@code channel} is the event's name, e.g. "+sdown"). */
    synchronized void event(String sentinel, String channel, String message, long nanos) {
        String[] words = message.split(" ");
        if ("+new-epoch".equals(channel)) epochs.put(sentinel, parseLong(words[0]));
        if ("+vote-for-leader".equals(channel) && words.length > 1) epochs.put(sentinel, parseLong(words[1]));
        if (fault == null || nanos < fault.atNanos()) return;
        boolean aboutMaster = message.startsWith("master ");
        switch (channel) {
            case "+sdown" -> { if (aboutMaster) reach(Milestone.SDOWN, "first: " + sentinel, nanos); }
            case "+odown" -> reach(Milestone.ODOWN, "first: " + sentinel + ", #quorum " + words[words.length - 1],
                    nanos);
            case "+try-failover" -> tryFailover(sentinel, nanos);
            case "+elected-leader" -> reach(Milestone.ELECTED, sentinel + " won the vote, epoch " + epoch(sentinel),
                    nanos);
            case "+selected-slave" -> reach(Milestone.SELECTED, name(words[1]), nanos);
            case "+writes-paused" -> reach(Milestone.PAUSED, sentinel + ": the master pauses writes and hands over",
                    nanos);
            case "+promoted-slave" -> reach(Milestone.PROMOTED, name(words[1]), nanos);
            case "+switch-master" -> switchMaster(sentinel, words, nanos);
            case "+failover-end", "+failover-end-for-timeout" -> reach(Milestone.FAILOVER_END,
                    sentinel + (channel.endsWith("timeout") ? " (timed out)" : ""), nanos);
            case "+convert-to-slave" -> reach(Milestone.CONVERTED, name(words[1]) + " rejoins as a replica"
                    + sinceRestart(nanos), nanos);
            default -> {
                if (channel.startsWith("-failover-abort")) reach(Milestone.ABORT, channel + " " + sentinel, nanos);
            }
        }
    }

    /** An acknowledged INCR: {@code value} is the counter it returned. */
    synchronized void writeSucceeded(String address, long value, long nanos) {
        boolean failedBefore = writer.failing();
        long failingSince = writer.failingSinceNanos();
        writer.succeeded(address, value);
        if (fault == null || nanos < fault.atNanos()) return;
        boolean moved = !address.equals(fault.address());
        // a crash always fails some writes first; a planned switchover may hand over without a failed one
        if (!reached.containsKey(Milestone.WRITES_FAILING) && !(fault.planned() && moved)) return;
        String down = failedBefore ? "writes failed for " + ms(nanos - failingSince) + " ms" : "no write failed";
        if (moved) {
            reach(Milestone.NEW_MASTER_WRITE, "first successful write on the new master " + name(address) + " ("
                    + down + ")", nanos);
        } else {
            reach(Milestone.OLD_MASTER_WRITE, "writes resumed on the old master (" + down + ")", nanos);
        }
    }

    synchronized void writeFailed(String reason, long nanos) {
        writer.failed(reason, nanos);
        if (fault == null || nanos < fault.atNanos() || reached.containsKey(Milestone.NEW_MASTER_WRITE)) return;
        reach(Milestone.WRITES_FAILING, "writes failing since here: " + reason, nanos);
    }

    /** Acknowledged writes lost since the last fault (the counter went back), for the summary. */
    synchronized long lostSinceFault() {
        return writer.lost() - lostBefore;
    }

    /** The demo started the killed master again (key r). */
    synchronized void restarted(String detail, long nanos) {
        if (fault != null) reach(Milestone.RESTARTED, detail, nanos);
    }

    /** The screen loop saw every replica report a link to the new master. */
    synchronized void replicasLinked(String detail, long nanos) {
        reach(Milestone.LINKED, detail, nanos);
    }

    /** The address the first +switch-master after the fault named, or null. */
    synchronized String newMaster() {
        return newMaster;
    }

    synchronized boolean reached(Milestone milestone) {
        return reached.containsKey(milestone);
    }

    synchronized Fault fault() {
        return fault;
    }

    /** A new master was announced and the writer wrote to it: what the demo shows off. */
    synchronized boolean completed() {
        return reached.containsKey(Milestone.SWITCH_FIRST) && reached.containsKey(Milestone.NEW_MASTER_WRITE);
    }

    /** The steps reached since the last call, formatted, in the order they were reached. */
    synchronized List<String> drainNew() {
        List<String> lines = new ArrayList<>();
        for (; drained < inOrder.size(); drained++) lines.add(line(inOrder.get(drained)));
        return lines;
    }

    /**
     * The screen's panel: the fault, the steps so far in time order, the steps still to come, the writer.
     * {@code idleHint} says how a fault will come, before the first.
     */
    synchronized List<String> panel(long nowNanos, String idleHint) {
        List<String> lines = new ArrayList<>();
        if (fault == null) {
            lines.add("Failover: no fault yet (" + idleHint + ").");
        } else {
            lines.add(String.format("Failover after %s of %s, %.1f s ago (ms since the %s):", fault.action(),
                    fault.who(), (nowNanos - fault.atNanos()) / 1e9, fault.action()));
            lines.addAll(steps());
            if (reached.containsKey(Milestone.OLD_MASTER_WRITE) && !reached.containsKey(Milestone.SWITCH_FIRST)) {
                lines.add(String.format("%9s  the old master answers again: the sentinels may not fail over", "..."));
            } else {
                for (Milestone m : pending()) lines.add(String.format("%9s  %-17s %s", "...", m.label, "waiting"));
            }
            if (completed()) lines.add(lostLine());
        }
        lines.add(writer.describe(this::name, nowNanos));
        return lines;
    }

    /** The end-of-run summary: each step with its ms since the fault, what never happened, and the verdict. */
    synchronized String summary() {
        if (fault == null) return "Failover summary: no fault was injected.\n";
        StringBuilder out = new StringBuilder("Failover timeline (ms since the " + fault.action() + " of "
                + fault.who() + "):\n");
        steps().forEach(s -> out.append(s).append('\n'));
        for (Milestone m : pending()) out.append(String.format("%9s  %-17s %s%n", "-", m.label, "not seen"));
        if (completed()) {
            out.append("Failover completed: new master ").append(name(newMaster)).append(", writes resumed after ")
                    .append(ms(reached.get(Milestone.NEW_MASTER_WRITE).atNanos() - fault.atNanos())).append(" ms.\n");
            out.append(lostLine()).append('\n');
        } else {
            out.append("Failover NOT completed: ").append(reached.containsKey(Milestone.SWITCH_FIRST)
                    ? "no successful write on the new master" : "no +switch-master").append(".\n");
        }
        return out.toString();
    }

    /**
     * The writer's verdict: how many acknowledged INCRs the new master does not have. A planned switchover pauses
     * the old master's writes until the new one has them all; a crash loses what had not reached the replica yet.
     */
    private String lostLine() {
        long lost = lostSinceFault();
        return "Acknowledged writes lost: " + lost + (lost == 0 ? " (the counter went on where it was)"
                : " (the new master's counter was behind the last acknowledged value)");
    }

    private String sinceRestart(long nanos) {
        Reached restart = reached.get(Milestone.RESTARTED);
        return restart == null ? "" : ", " + ms(nanos - restart.atNanos()) + " ms after the restart";
    }

    private void tryFailover(String sentinel, long nanos) {
        candidates.add(sentinel + " (epoch " + epoch(sentinel) + ")");
        Reached first = reached.get(Milestone.TRY);
        String detail = String.join(", ", candidates);
        if (first == null) {
            reach(Milestone.TRY, detail, nanos);
        } else {
            reached.put(Milestone.TRY, new Reached(Milestone.TRY, detail, first.atNanos())); // more candidates
        }
    }

    private void switchMaster(String sentinel, String[] words, long nanos) {
        if (words.length < 5) return;
        String to = words[3] + ":" + words[4];
        if (newMaster == null) {
            newMaster = to;
            reach(Milestone.SWITCH_FIRST, "first: " + sentinel + ", new master " + name(to), nanos);
        }
        if (!to.equals(newMaster)) return;
        switched.add(sentinel);
        if (switched.size() == sentinelCount) {
            reach(Milestone.SWITCH_ALL, "all " + sentinelCount + " sentinels, last: " + sentinel, nanos);
        }
    }

    private void reach(Milestone milestone, String detail, long nanos) {
        if (reached.containsKey(milestone)) return;
        Reached r = new Reached(milestone, detail, nanos);
        reached.put(milestone, r);
        inOrder.add(r);
    }

    private List<String> steps() {
        List<Reached> sorted = new ArrayList<>(reached.values());
        sorted.sort((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
        List<String> lines = new ArrayList<>();
        for (Reached r : sorted) lines.add(line(r));
        return lines;
    }

    private List<Milestone> pending() {
        List<Milestone> pending = new ArrayList<>();
        for (Milestone m : Milestone.values()) {
            if (m.expectedAfter(fault) && !reached.containsKey(m)) pending.add(m);
        }
        return pending;
    }

    private String line(Reached r) {
        return String.format("%9s  %-17s %s", "+" + ms(r.atNanos() - fault.atNanos()) + " ms", r.milestone().label,
                r.detail());
    }

    private String epoch(String sentinel) {
        Long epoch = epochs.get(sentinel);
        return epoch == null ? "?" : epoch.toString();
    }

    String name(String address) {
        String name = names.get(address);
        return name == null ? address : name + " " + address;
    }

    static long ms(long nanos) {
        return Math.max(0, nanos / 1_000_000);
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
