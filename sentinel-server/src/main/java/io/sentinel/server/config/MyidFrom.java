package io.sentinel.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code sentinel myid-from <string>} (ours): the run id is the SHA-1 of a stable string such as the pod name, in
 * 40 lowercase hex characters ({@code printf %s "$HOSTNAME" | sha1sum}), so a sentinel pod that restarts, even
 * without its volume, is the same peer to the others and leaves no ghost behind. It wins over a {@code sentinel
 * myid} line or a state file's: the string is what says who this sentinel is.
 */
final class MyidFrom {
    /** The server setting that carries the string from the parser to {@link ConfigLoader}. */
    static final String SETTING = "myid-from";

    private MyidFrom() {
    }

    static String derive(String stable) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(stable.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** {@code loaded} with the id its myid-from string gives, and a warning when that replaces another id. */
    static LoadedConfig apply(LoadedConfig loaded) {
        String stable = loaded.serverSettings().get(SETTING);
        if (stable == null) return loaded;
        String derived = derive(stable);
        String before = loaded.config().myid();
        if (derived.equals(before)) return loaded;
        LoadedConfig out = loaded.withConfig(loaded.config().withRuntime(derived, loaded.config().currentEpoch(),
                loaded.config().masters()));
        if (before == null) return out;
        return out.withWarning("sentinel myid " + before + " replaced by " + derived + ", from sentinel myid-from "
                + stable);
    }
}
