package io.sentinel.server.http;

import java.util.List;

/** The probes' small JSON bodies; master names and addresses are escaped, the rest is ours. */
final class Json {
    private Json() {
    }

    /** {@code {"status":"..."}} with, when there are any, {@code "reasons":[...]}. */
    static String status(String status, List<String> reasons) {
        StringBuilder b = new StringBuilder(64).append("{\"status\":");
        string(b, status);
        if (!reasons.isEmpty()) {
            b.append(",\"reasons\":[");
            for (int i = 0; i < reasons.size(); i++) {
                if (i > 0) b.append(',');
                string(b, reasons.get(i));
            }
            b.append(']');
        }
        return b.append("}\n").toString();
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
