package io.sentinel.server.config;

import io.sentinel.core.config.SentinelConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the core's {@code PersistState} snapshots go: back into the user's sentinel.conf, rewritten as redis-sentinel
 * does, or into the state file when the configuration is read-only, YAML or split with {@code include}. Every write is
 * crash-safe ({@link AtomicFile}). Used from the core loop's thread only.
 * <p>
 * A write costs what changed, not the whole file: each master's lines are rendered again only when it changed
 * ({@link OwnedLines}), and the file we wrote last is kept as lines with their keys, so it is neither split nor
 * tokenized again while the file on disk still holds exactly it. One buffer, kept between writes, holds the file
 * read back and then the new content.
 */
public final class ConfigStore {
    private final Path location;
    private final boolean rewriteSource;
    /** The users as loaded; the state file holds users once they differ (or when it held them already). */
    private final List<String> loadedUsers;
    private boolean stateHasUsers;
    private final OwnedLines owned;
    /** The file as we last wrote it; null before our first write. */
    private ConfRewriter.Lines written;
    private byte[] buffer = new byte[8192];

    private ConfigStore(Path location, boolean rewriteSource, List<String> loadedUsers, boolean stateHasUsers,
            Map<String, String> serverSettings) {
        this.owned = new OwnedLines(ListenerDirectives.ownedLines(serverSettings));
        this.location = location;
        this.rewriteSource = rewriteSource;
        this.loadedUsers = loadedUsers;
        this.stateHasUsers = stateHasUsers;
    }

    public static ConfigStore open(LoadedConfig loaded) {
        List<String> users = loaded.config().users();
        return loaded.rewritesSource()
                ? new ConfigStore(loaded.source(), true, users, false, loaded.serverSettings())
                : new ConfigStore(loaded.stateFile(), false, users, hasUserLines(loaded.stateFile()),
                        loaded.serverSettings());
    }

    private static boolean hasUserLines(Path stateFile) {
        try {
            return Files.readAllLines(stateFile, StandardCharsets.UTF_8).stream()
                    .anyMatch(l -> "user".equals(ConfRewriter.key(l.strip())));
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes {@code config} durably; returns the nanoseconds the write took. */
    public long persist(SentinelConfig config) throws IOException {
        stateHasUsers |= !config.users().equals(loadedUsers);
        OwnedLines.Rendered lines = owned.render(config);
        ConfRewriter.Lines next = rewriteSource ? ConfRewriter.rewrite(current(), lines.all())
                : StateFileFormat.render(lines, stateHasUsers);
        int length = next.byteLength();
        if (buffer.length < length) buffer = new byte[Math.max(length, buffer.length * 2)];
        next.copyTo(buffer);
        long nanos = AtomicFile.write(location, buffer, length);
        if (rewriteSource) written = next.readsBackAsItself() ? next : ConfRewriter.Lines.parse(new String(buffer, 0,
                length, StandardCharsets.UTF_8));
        return nanos;
    }

    /** The file this store writes. */
    public Path location() {
        return location;
    }

    /** True when it rewrites the user's sentinel.conf, false when it writes the state file. */
    public boolean rewritesSource() {
        return rewriteSource;
    }

    /**
     * The file as it is now: like Redis, we keep whatever the user changed in it since we started, so it is read back
     * before every rewrite. While it holds exactly what we wrote last, our lines are reused; otherwise it is parsed
     * (and must be UTF-8, as when it was loaded).
     */
    private ConfRewriter.Lines current() throws IOException {
        int length = readIntoBuffer();
        if (written != null && written.sameAs(buffer, length)) return written;
        return ConfRewriter.Lines.parse(StandardCharsets.UTF_8.newDecoder()
                .decode(ByteBuffer.wrap(buffer, 0, length)).toString());
    }

    /** Reads the whole file into {@link #buffer}; returns its length (0 when the file is gone). */
    private int readIntoBuffer() throws IOException {
        try (FileChannel ch = FileChannel.open(location, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size >= Integer.MAX_VALUE / 2) throw new IOException(location + ": too large (" + size + " bytes)");
            if (buffer.length <= size) buffer = new byte[(int) size + 1];
            int length = 0;
            while (true) {
                if (length == buffer.length) buffer = Arrays.copyOf(buffer, buffer.length * 2);
                int n = ch.read(ByteBuffer.wrap(buffer, length, buffer.length - length));
                if (n < 0) return length;
                length += n;
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
    }
}
