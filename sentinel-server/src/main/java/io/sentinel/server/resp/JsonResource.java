package io.sentinel.server.resp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the small JSON resources of this package (the command table, the HELP texts) into maps, lists, strings and
 * integers. Plain Java on purpose: a YAML or JSON library here would be loaded by every daemon just for start-up
 * data. Lines whose first non-blank character is {@code #} are comments; numbers must be integers.
 */
final class JsonResource {
    private final String text;
    private int pos;

    private JsonResource(String text) {
        this.text = text;
    }

    /** The resource {@code name} beside this class, parsed; unreadable or malformed is a build bug: it throws. */
    static Object load(String name) {
        try (InputStream in = JsonResource.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    static Object parse(String text) {
        JsonResource p = new JsonResource(text);
        Object value = p.value();
        p.skipBlank();
        if (p.pos != text.length()) throw p.error("trailing text");
        return value;
    }

    private Object value() {
        skipBlank();
        if (pos >= text.length()) throw error("unexpected end");
        char c = text.charAt(pos);
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"') return string();
        if (c == '-' || c >= '0' && c <= '9') return integer();
        throw error("unexpected '" + c + "'");
    }

    private Map<String, Object> object() {
        Map<String, Object> out = new LinkedHashMap<>();
        pos++;
        if (peek() == '}') { pos++; return Collections.unmodifiableMap(out); }
        do {
            skipBlank();
            String key = string();
            expect(':');
            out.put(key, value());
        } while (next(','));
        expect('}');
        return Collections.unmodifiableMap(out);
    }

    private List<Object> array() {
        List<Object> out = new ArrayList<>();
        pos++;
        if (peek() == ']') { pos++; return Collections.unmodifiableList(out); }
        do {
            out.add(value());
        } while (next(','));
        expect(']');
        return Collections.unmodifiableList(out);
    }

    private String string() {
        if (pos >= text.length() || text.charAt(pos) != '"') throw error("expected a string");
        StringBuilder sb = new StringBuilder();
        for (pos++; pos < text.length(); pos++) {
            char c = text.charAt(pos);
            if (c == '"') { pos++; return sb.toString(); }
            if (c != '\\') { sb.append(c); continue; }
            char e = text.charAt(++pos);
            switch (e) {
                case 'n': sb.append('\n'); break;
                case 't': sb.append('\t'); break;
                case 'r': sb.append('\r'); break;
                case 'u': sb.append((char) Integer.parseInt(text.substring(pos + 1, pos + 5), 16)); pos += 4; break;
                default: sb.append(e);
            }
        }
        throw error("unterminated string");
    }

    private Integer integer() {
        int start = pos;
        if (text.charAt(pos) == '-') pos++;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        return Integer.valueOf(text.substring(start, pos));
    }

    private char peek() {
        skipBlank();
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private boolean next(char c) {
        if (peek() != c) return false;
        pos++;
        return true;
    }

    private void expect(char c) {
        if (!next(c)) throw error("expected '" + c + "'");
    }

    /** Whitespace and # comment lines. */
    private void skipBlank() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                int nl = text.indexOf('\n', pos);
                pos = nl < 0 ? text.length() : nl + 1;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private IllegalStateException error(String what) {
        return new IllegalStateException("malformed JSON resource at offset " + pos + ": " + what);
    }
}
