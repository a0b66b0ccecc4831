package io.sentinel.server.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One RESP reply as read off the wire, keeping the exact type byte ({@code + - : $ * % ~ _ , # = >}). A null bulk
 * or array of RESP2 is {@code $} or {@code *} with {@code isNull}. {@link #shape()} renders what must match between
 * redis-sentinel and us: types, lengths, keys, words and texts, but not numbers, ids or times.
 */
public record RespNode(char type, String text, List<RespNode> children, boolean isNull) {
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    public static RespNode scalar(char type, String text) {
        return new RespNode(type, text, List.of(), false);
    }

    public static RespNode aggregate(char type, List<RespNode> children) {
        return new RespNode(type, null, List.copyOf(children), false);
    }

    public static RespNode nil(char type) {
        return new RespNode(type, null, List.of(), true);
    }

    public String shape() {
        StringBuilder out = new StringBuilder();
        shape(out);
        return out.toString();
    }

    private void shape(StringBuilder out) {
        out.append(type);
        if (isNull) {
            out.append("null");
        } else if (type == '*' || type == '%' || type == '~' || type == '>') {
            out.append(children.size()).append('[');
            for (int i = 0; i < children.size(); i++) {
                if (i > 0) out.append(type == '%' && i % 2 == 1 ? ": " : ", ");
                children.get(i).shape(out);
            }
            out.append(']');
        } else if (type == '+' || type == '-') {
            out.append(text);
        } else if (type != '_') {
            out.append(normalized(text));
        }
    }

    /** Numbers, run ids and multi-line texts vary from run to run; words, names and addresses do not. */
    static String normalized(String text) {
        if (NUMBER.matcher(text).matches()) return "<n>";
        if (RUN_ID.matcher(text).matches()) return "<runid>";
        if (text.contains("\r\n")) return "<text>";
        return text;
    }

    /** The bulk strings of a flat array or map, in order (keys and values alternate). */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (RespNode c : children) out.add(c.text);
        return out;
    }
}
