package io.sentinel.server.compat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Compares two event streams of one sentinel role (redis-sentinel's and ours), as shapes: the same distinct
 * shapes, and the same order between any two of them present in both. Channels whose presence depends on timing
 * ({@code optional}) may be missing on either side; pairs that timing may reorder in Redis itself
 * ({@code commute}) may come in either order.
 */
final class StreamDiff {
    private final Set<String> optional;
    private final BiPredicate<String, String> commute;

    StreamDiff(Set<String> optional, BiPredicate<String, String> commute) {
        this.optional = optional;
        this.commute = commute;
    }

    /** Each difference in words; empty when the streams match. */
    List<String> differences(List<String> theirs, List<String> ours) {
        List<String> a = distinct(theirs);
        List<String> b = distinct(ours);
        List<String> out = new ArrayList<>();
        for (String s : a) if (!b.contains(s) && !optional.contains(channel(s))) out.add("missing in ours: " + s);
        for (String s : b) if (!a.contains(s) && !optional.contains(channel(s))) out.add("extra in ours: " + s);
        for (int i = 0; i < a.size(); i++) {
            for (int j = i + 1; j < a.size(); j++) {
                int x = b.indexOf(a.get(i));
                int y = b.indexOf(a.get(j));
                if (x >= 0 && y >= 0 && x > y && !commute.test(a.get(i), a.get(j))) {
                    out.add("order: redis-sentinel has [" + a.get(i) + "] before [" + a.get(j) + "], we after");
                }
            }
        }
        return out;
    }

    /** Distinct shapes by first occurrence. */
    static List<String> distinct(List<String> shapes) {
        return new ArrayList<>(new LinkedHashSet<>(shapes));
    }

    static String channel(String shape) {
        int space = shape.indexOf(' ');
        return space < 0 ? shape : shape.substring(0, space);
    }
}
