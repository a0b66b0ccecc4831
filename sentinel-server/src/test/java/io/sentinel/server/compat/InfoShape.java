package io.sentinel.server.compat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** INFO texts reduced to what must match: section headers and field names. */
final class InfoShape {
    private InfoShape() {
    }

    static List<String> headers(String info) {
        List<String> out = new ArrayList<>();
        for (String line : info.split("\r\n")) if (line.startsWith("#")) out.add(line);
        return out;
    }

    static Set<String> keys(String info) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : info.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) out.add(line.substring(0, colon));
        }
        return out;
    }

    /** Field names of {@code theirs} that {@code ours} lacks, in their order. */
    static List<String> missingKeys(String theirs, String ours) {
        List<String> out = new ArrayList<>(keys(theirs));
        out.removeAll(keys(ours));
        return out;
    }
}
