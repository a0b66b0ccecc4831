package io.sentinel.core.sim;

import io.sentinel.core.action.PersistState;
import io.sentinel.core.action.Publish;
import io.sentinel.core.config.MasterConfig;
import java.util.ArrayList;
import java.util.List;

/** The last lines of what happened (events, actions, faults), kept cheaply and formatted only on failure. */
final class SimTrace {
    private record Line(long at, String node, Object what) { }

    private final Line[] ring;
    private int next;
    private long total;

    SimTrace(int size) {
        ring = new Line[Math.max(1, size)];
    }

    void add(long at, String node, Object what) {
        ring[next] = new Line(at, node, what);
        next = (next + 1) % ring.length;
        total++;
    }

    List<String> tail() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ring.length; i++) {
            Line l = ring[(next + i) % ring.length];
            if (l != null) out.add(String.format("%8d %-3s %s", l.at(), l.node(), format(l.what())));
        }
        return out;
    }

    long total() {
        return total;
    }

    private static String format(Object what) {
        if (what instanceof Publish p) return p.event().logLine();
        if (what instanceof PersistState p) {
            StringBuilder b = new StringBuilder("PersistState epoch=" + p.config().currentEpoch());
            for (MasterConfig m : p.config().masters()) {
                b.append(" ").append(m.name()).append("@").append(m.address()).append(" configEpoch=")
                        .append(m.configEpoch()).append(" vote=").append(shortId(m.leaderRunId())).append("/")
                        .append(m.leaderEpoch());
            }
            return b.toString();
        }
        return String.valueOf(what);
    }

    static String shortId(String runId) {
        return runId == null || runId.length() < 8 ? String.valueOf(runId) : runId.substring(0, 8);
    }
}
