package io.sentinel.server.resp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command line the way Redis's {@code sdssplitargs} does: words separated by blanks, "double
 * quotes" with C escapes ({@code \n \r \t \b \a \xHH}), 'single quotes' with only {@code \'}; a closing quote must be
 * followed by a blank or the end of the line. A NUL byte ends the line, as in C.
 */
final class InlineSplitter {
    private final byte[] line;
    private int pos;

    private InlineSplitter(byte[] line) {
        this.line = line;
    }

    /** The words, or null when quotes are unbalanced. */
    static List<String> split(byte[] line) {
        return new InlineSplitter(line).words();
    }

    private int at(int i) {
        return i < line.length ? line[i] & 0xff : 0;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private List<String> words() {
        List<String> out = new ArrayList<>();
        while (true) {
            while (at(pos) != 0 && isSpace(at(pos))) pos++;
            if (at(pos) == 0) return out;
            String word = word();
            if (word == null) return null;
            out.add(word);
        }
    }

    private String word() {
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        int quote = 0;
        while (true) {
            int c = at(pos);
            if (quote == '"') {
                if (c == 0) return null;
                if (c == '"') {
                    if (at(pos + 1) != 0 && !isSpace(at(pos + 1))) return null;
                    pos++;
                    break;
                }
                pos += escaped(cur);
                continue;
            } else if (quote == '\'') {
                if (c == 0) return null;
                if (c == '\\' && at(pos + 1) == '\'') {
                    cur.write('\'');
                    pos += 2;
                    continue;
                }
                if (c == '\'') {
                    if (at(pos + 1) != 0 && !isSpace(at(pos + 1))) return null;
                    pos++;
                    break;
                }
                cur.write(c);
            } else if (c == 0 || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                break;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else {
                cur.write(c);
            }
            pos++;
        }
        return cur.toString(StandardCharsets.UTF_8);
    }

    /** One character inside double quotes, with its escape; returns how many input bytes it used. */
    private int escaped(ByteArrayOutputStream cur) {
        int c = at(pos);
        if (c != '\\' || at(pos + 1) == 0) {
            cur.write(c);
            return 1;
        }
        int e = at(pos + 1);
        if (e == 'x' && hex(at(pos + 2)) >= 0 && hex(at(pos + 3)) >= 0) {
            cur.write(hex(at(pos + 2)) * 16 + hex(at(pos + 3)));
            return 4;
        }
        switch (e) {
            case 'n': cur.write('\n'); break;
            case 'r': cur.write('\r'); break;
            case 't': cur.write('\t'); break;
            case 'b': cur.write('\b'); break;
            case 'a': cur.write(7); break;
            default: cur.write(e); break;
        }
        return 2;
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
