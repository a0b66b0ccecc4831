package io.sentinel.server.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a config line into arguments exactly as Redis's {@code sdssplitargs} does, and quotes values for writing
 * them back. Redis works on bytes, so the line is taken byte for byte and each argument decoded as UTF-8 at the end;
 * {@code \xHH} escapes therefore produce raw bytes, as in Redis.
 */
public final class ConfTokens {
    private ConfTokens() {
    }

    /** The arguments of {@code line}, or null when quotes are unbalanced (Redis's "Unbalanced quotes"). */
    public static List<String> split(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        int[] pos = {0};
        while (true) {
            while (pos[0] < b.length && isSpace(b[pos[0]])) pos[0]++;
            // a NUL ends the line, as it ends sdssplitargs's C string (a word stops at it without taking it)
            if (pos[0] >= b.length || b[pos[0]] == 0) return out;
            String token = token(b, pos);
            if (token == null) return null;
            out.add(token);
        }
    }

    /** Reads one argument starting at {@code pos[0]}; null on a quoting error. */
    private static String token(byte[] b, int[] pos) {
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        int p = pos[0];
        while (p < b.length) {
            int c = b[p] & 0xff;
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0) break;
            if (c == '"' || c == '\'') {
                // a quote opens inside a word too (ab"c d" is one argument); its closing quote ends the argument
                p = c == '"' ? doubleQuoted(b, p + 1, cur) : singleQuoted(b, p + 1, cur);
                if (p < 0) return null;
                break;
            }
            cur.write(c);
            p++;
        }
        pos[0] = p;
        return cur.toString(StandardCharsets.UTF_8);
    }

    /** Reads a double-quoted part after its opening quote; the index after the closing quote, or -1. */
    private static int doubleQuoted(byte[] b, int p, ByteArrayOutputStream cur) {
        while (p < b.length) {
            int c = b[p] & 0xff;
            if (c == '\\' && p + 3 < b.length && b[p + 1] == 'x' && isHex(b[p + 2]) && isHex(b[p + 3])) {
                cur.write(Character.digit(b[p + 2], 16) * 16 + Character.digit(b[p + 3], 16));
                p += 4;
            } else if (c == '\\' && p + 1 < b.length) {
                cur.write(unescape(b[p + 1]));
                p += 2;
            } else if (c == '"') {
                return afterClosingQuote(b, p + 1);
            } else {
                cur.write(c);
                p++;
            }
        }
        return -1;
    }

    /** Reads a single-quoted part, where only \' is an escape; the index after the closing quote, or -1. */
    private static int singleQuoted(byte[] b, int p, ByteArrayOutputStream cur) {
        while (p < b.length) {
            int c = b[p] & 0xff;
            if (c == '\\' && p + 1 < b.length && b[p + 1] == '\'') {
                cur.write('\'');
                p += 2;
            } else if (c == '\'') {
                return afterClosingQuote(b, p + 1);
            } else {
                cur.write(c);
                p++;
            }
        }
        return -1;
    }

    /** A closing quote must be followed by a blank or the end of the line. */
    private static int afterClosingQuote(byte[] b, int next) {
        return next < b.length && !isSpace(b[next]) ? -1 : next;
    }

    private static int unescape(byte c) {
        switch (c) {
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'b': return '\b';
            case 'a': return 7;
            default: return c & 0xff;
        }
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static boolean isHex(byte c) {
        return Character.digit(c, 16) >= 0;
    }

    /** {@code value} as one argument: bare when that reads back the same, else quoted like {@code sdscatrepr}. */
    public static String quoteIfNeeded(String value) {
        if (value.isEmpty()) return "\"\"";
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '"' || c == '\'' || c == '\\' || c == 0x7f) return quote(value);
        }
        return value;
    }

    /** Always quoted, as Redis writes {@code dir}, {@code logfile} and {@code announce-ip}. */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            switch (c) {
                case '\\': sb.append("\\\\"); break;
                case '"': sb.append("\\\""); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case 7: sb.append("\\a"); break;
                case '\b': sb.append("\\b"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", c));
                    else sb.append((char) c);
            }
        }
        // non-ASCII bytes were appended one char each; rebuild them as UTF-8 text
        String latin = sb.append('"').toString();
        return new String(latin.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** Arguments joined back into one line that {@link #split} reads the same. */
    public static String join(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(quoteIfNeeded(a));
        }
        return sb.toString();
    }
}
