package io.sentinel.server.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The samples of a Prometheus text (0.0.4) or OpenMetrics scrape: name, labels, value. Comment lines ({@code # HELP},
 * {@code # TYPE}, {@code # EOF}) are skipped; label values are unescaped ({@code \\}, {@code \"}, {@code \n});
 * a timestamp or exemplar after the value is ignored. A line that does not parse fails the test: a scraper would
 * reject it too.
 */
final class PromText {
    record Sample(String name, Map<String, String> labels, double value) {
        String label(String key) {
            return labels.get(key);
        }
    }

    final List<Sample> samples;
    final String text;

    private PromText(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    static PromText parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            out.add(line(line));
        }
        return new PromText(text, List.copyOf(out));
    }

    /** Every sample named exactly {@code name}. */
    List<Sample> all(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).collect(Collectors.toList());
    }

    /** The one sample named {@code name} whose labels include every given {@code key, value} pair. */
    Sample one(String name, String... keyValues) {
        List<Sample> found = all(name).stream().filter(s -> hasLabels(s, keyValues)).collect(Collectors.toList());
        if (found.size() != 1) {
            throw new AssertionError("expected one " + name + " with " + List.of(keyValues) + ", found " + found
                    + "; all " + name + ": " + all(name));
        }
        return found.get(0);
    }

    double value(String name, String... keyValues) {
        return one(name, keyValues).value();
    }

    private static boolean hasLabels(Sample s, String... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            if (!keyValues[i + 1].equals(s.label(keyValues[i]))) return false;
        }
        return true;
    }

    private static Sample line(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
        } else {
            if (space < 0) throw new AssertionError("no value: " + line);
            name = line.substring(0, space);
            rest = space;
        }
        String[] fields = line.substring(rest).trim().split(" ");
        return new Sample(name, labels, number(fields[0], line));
    }

    /** Reads {@code k="v",...}} from {@code at}; returns the index after the closing brace. */
    private static int labels(String line, int at, Map<String, String> into) {
        int i = at;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).trim();
            if (line.charAt(eq + 1) != '"') throw new AssertionError("unquoted label value: " + line);
            StringBuilder v = new StringBuilder();
            i = eq + 2;
            for (char c = line.charAt(i); c != '"'; c = line.charAt(++i)) {
                if (c == '\\') {
                    char n = line.charAt(++i);
                    v.append(n == 'n' ? '\n' : n);
                } else {
                    v.append(c);
                }
            }
            into.put(key, v.toString());
            i++;
            if (line.charAt(i) == ',') i++;
        }
        return i + 1;
    }

    private static double number(String s, String line) {
        switch (s) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            case "NaN": return Double.NaN;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new AssertionError("bad value in: " + line, e);
                }
        }
    }
}
