package io.sentinel.server.resp;

import io.sentinel.server.reply.Resp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The CLIENT / COMMAND / ACL HELP replies, as redis-sentinel 7.0 words them (from {@code help.json}). */
final class HelpTexts {
    private final Map<String, List<String>> texts;

    private HelpTexts(Map<String, List<String>> texts) {
        this.texts = texts;
    }

    @SuppressWarnings("unchecked")
    static HelpTexts load() {
        return new HelpTexts(Map.copyOf((Map<String, List<String>>) JsonResource.load("help.json")));
    }

    /** An array of simple strings, one per line. */
    Resp reply(String command) {
        List<Resp> lines = new ArrayList<>();
        for (String line : texts.get(command)) lines.add(new Resp.Simple(line));
        return Resp.array(lines);
    }
}
