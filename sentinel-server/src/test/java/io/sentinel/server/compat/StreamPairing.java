package io.sentinel.server.compat;

import java.util.ArrayList;
import java.util.List;

/**
 * Pairs redis-sentinel's sentinels with ours by role, not by index: which sentinel leads a failover is chance, so
 * every assignment is tried and the one with the fewest differences kept (three sentinels: six assignments).
 */
final class StreamPairing {
    private StreamPairing() {
    }

    /** The differences of the best assignment, each prefixed with the pair it belongs to. */
    static List<String> differences(StreamDiff diff, List<List<String>> theirs, List<List<String>> ours) {
        List<String> best = null;
        for (int[] perm : permutations(ours.size())) {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < theirs.size(); i++) {
                for (String d : diff.differences(theirs.get(i), ours.get(perm[i]))) {
                    all.add("redis-sentinel " + i + " vs ours " + perm[i] + ": " + d);
                }
            }
            if (best == null || all.size() < best.size()) best = all;
        }
        return best;
    }

    static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int k, List<int[]> out) {
        if (k == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (used[i]) continue;
            used[i] = true;
            cur[k] = i;
            permute(cur, used, k + 1, out);
            used[i] = false;
        }
    }
}
