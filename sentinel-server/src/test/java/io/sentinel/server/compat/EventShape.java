package io.sentinel.server.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An event reduced to what must match between redis-sentinel and us: the channel, then each payload word, with
 * addresses named by their role in the scenario ({@code M} the master before, {@code P} the master after,
 * {@code R} another replica, {@code S} a sentinel), run ids and numbers as placeholders. Names, roles, {@code @}
 * and {@code #quorum}-style words stay as they are: they are the shape.
 */
final class EventShape {
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");
    private static final Pattern QUORUM = Pattern.compile("[0-9]+/[0-9]+");

    private EventShape() {
    }

    /**
     * {@code event} is {@code <channel> <payload>}; {@code ports} names each known port (a redis-server's or a
     * sentinel's) by its symbol.
     */
    static String of(String event, Map<Integer, String> ports) {
        String[] words = event.split(" ");
        List<String> out = new ArrayList<>(words.length);
        out.add(words[0]);
        for (int i = 1; i < words.length; i++) out.add(word(words[i], ports));
        return String.join(" ", out);
    }

    private static String word(String w, Map<Integer, String> ports) {
        int colon = w.lastIndexOf(':');
        if (colon > 0 && NUMBER.matcher(w.substring(colon + 1)).matches()) {
            return host(w.substring(0, colon)) + ":" + port(w.substring(colon + 1), ports);
        }
        if (RUN_ID.matcher(w).matches()) return "<runid>";
        if (w.equals("127.0.0.1")) return "<ip>";
        // "#quorum 3/2": how many agreed when ODOWN was reached is timing; the configured quorum is not
        if (QUORUM.matcher(w).matches()) return "<n>" + w.substring(w.indexOf('/'));
        if (NUMBER.matcher(w).matches()) return port(w, ports);
        return w;
    }

    private static String host(String h) {
        return h.equals("127.0.0.1") ? "<ip>" : h;
    }

    private static String port(String p, Map<Integer, String> ports) {
        try {
            String symbol = ports.get(Integer.parseInt(p));
            return symbol != null ? symbol : "<n>";
        } catch (NumberFormatException e) {
            return "<n>";
        }
    }
}
