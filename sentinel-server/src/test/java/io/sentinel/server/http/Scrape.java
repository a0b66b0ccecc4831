package io.sentinel.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed Prometheus text scrape: samples with their labels, so tests ask for values, not line shapes. */
final class Scrape {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    final String text;
    final List<Sample> samples = new ArrayList<>();

    Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) samples.add(parse(line));
        }
    }

    /** Samples named {@code name} whose labels include every given {@code key, value} pair. */
    List<Sample> find(String name, String... kv) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (!s.name.equals(name)) continue;
            boolean match = true;
            for (int i = 0; i < kv.length; i += 2) match &= kv[i + 1].equals(s.labels.get(kv[i]));
            if (match) out.add(s);
        }
        return out;
    }

    /** The one sample matching; fails when there are none or several. */
    double value(String name, String... kv) {
        List<Sample> found = find(name, kv);
        assertEquals(1, found.size(), () -> "samples of " + name + " " + List.of(kv) + " in\n" + text);
        return found.get(0).value;
    }

    private static Sample parse(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') i++;
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (line.charAt(i) == '{') i = labels(line, i + 1, labels);
        String rest = line.substring(i).trim();
        int space = rest.indexOf(' ');
        String value = space < 0 ? rest : rest.substring(0, space);
        return new Sample(name, labels, Double.parseDouble(value.replace("+Inf", "Infinity")));
    }

    /** Reads {@code k="v",...}} from {@code i}; returns the index after the closing brace. */
    private static int labels(String line, int i, Map<String, String> out) {
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            StringBuilder v = new StringBuilder();
            int j = eq + 2;
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') c = line.charAt(++j) == 'n' ? '\n' : line.charAt(j);
                v.append(c);
            }
            out.put(key, v.toString());
            i = j + 1;
            if (line.charAt(i) == ',') i++;
        }
        return i + 1;
    }
}
