package io.sentinel.server.resp;

import io.sentinel.core.reply.Resp;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The CLIENT / COMMAND / ACL HELP replies, as redis-sentinel 7.0 words them (from {@code help.yaml}). */
final class HelpTexts {
    private final Map<String, List<String>> texts;

    private HelpTexts(Map<String, List<String>> texts) {
        this.texts = texts;
    }

    static HelpTexts load() {
        try (InputStream in = HelpTexts.class.getResourceAsStream("help.yaml")) {
            if (in == null) throw new IllegalStateException("missing resource help.yaml");
            Map<String, List<String>> texts = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return new HelpTexts(Map.copyOf(texts));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read help.yaml", e);
        }
    }

    /** An array of simple strings, one per line. */
    Resp reply(String command) {
        List<Resp> lines = new ArrayList<>();
        for (String line : texts.get(command)) lines.add(new Resp.Simple(line));
        return Resp.array(lines);
    }
}
