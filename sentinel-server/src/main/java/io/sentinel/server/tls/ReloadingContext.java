package io.sentinel.server.tls;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TLS context that follows its files: on use, at most once a second, it compares each file's real path (a
 * Kubernetes secret volume swaps a symlink), size and modification time with those it was built from, and rebuilds
 * once they changed and then stayed the same for one more check (a certificate and its key are two files, written
 * one after the other: a context from a new key and the old certificate would fail every handshake). New
 * connections get the new context; open ones keep theirs. A rebuild that fails keeps the old context and is logged
 * once per change; the next change is tried again.
 */
final class ReloadingContext {
    private static final Logger log = LoggerFactory.getLogger(ReloadingContext.class);
    private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    interface Builder {
        SslContext build() throws Exception;
    }

    private final String name;
    private final List<Path> files;
    private final Path certFile;
    private final Builder builder;
    private volatile SslContext current;
    private volatile long notAfterEpochSeconds;
    private volatile long nextCheckAtNanos;
    private List<String> stamps;
    private List<String> failedStamps;
    private List<String> changedStamps;

    /** Builds the first context now: a startup error throws. {@code files} may hold nulls (unset directives). */
    ReloadingContext(String name, List<Path> files, Path certFile, Builder builder) throws Exception {
        this.name = name;
        this.files = new ArrayList<>(files);
        this.files.removeIf(Objects::isNull);
        this.certFile = certFile;
        this.builder = builder;
        this.stamps = stamps();
        this.current = builder.build();
        this.notAfterEpochSeconds = notAfter(certFile);
        this.nextCheckAtNanos = System.nanoTime() + CHECK_EVERY_NANOS;
    }

    /** The context for a new connection. Cheap: one clock read, and a few stat calls once a second. */
    SslContext current() {
        if (System.nanoTime() - nextCheckAtNanos >= 0) check();
        return current;
    }

    /** The not-after date of the certificate in use, in seconds since the epoch; a scrape checks the files too. */
    long notAfterEpochSeconds() {
        current();
        return notAfterEpochSeconds;
    }

    private synchronized void check() {
        long now = System.nanoTime();
        if (now - nextCheckAtNanos < 0) return; // another thread just checked
        nextCheckAtNanos = now + CHECK_EVERY_NANOS;
        List<String> seen = stamps();
        if (seen.equals(stamps) || seen.equals(failedStamps)) return;
        if (!seen.equals(changedStamps)) {
            changedStamps = seen; // settle: rebuild at the next check if nothing moves meanwhile
            return;
        }
        try {
            SslContext fresh = builder.build();
            long notAfter = notAfter(certFile);
            current = fresh;
            notAfterEpochSeconds = notAfter;
            stamps = seen;
            failedStamps = null;
            log.info("TLS {}: reloaded {} (certificate valid until {})", name, files,
                    Instant.ofEpochSecond(notAfter));
        } catch (Exception e) {
            failedStamps = seen;
            log.warn("TLS {}: files changed but cannot be loaded, keeping the previous ones: {}", name,
                    e.getMessage());
        }
    }

    private List<String> stamps() {
        List<String> out = new ArrayList<>();
        for (Path p : files) {
            try {
                out.add(p.toRealPath() + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
            } catch (IOException e) {
                out.add(p + " missing");
            }
        }
        return out;
    }

    private static long notAfter(Path certFile) throws Exception {
        return TlsContexts.read(certFile).get(0).getNotAfter().toInstant().getEpochSecond();
    }
}
