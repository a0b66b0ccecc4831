package io.sentinel.server.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Docker CLI as the container tests use it, and the image under test: {@code docker/Dockerfile} built once per
 * test JVM from the local base image ({@code docker/build-local-base}; no registry is reachable in CI). Where there
 * is no engine or no base image, {@link #sentinelImage()} skips the calling test, and says why once on stderr.
 */
final class Docker {
    /** The local base, as docker/build-local-base names it; SENTINEL_BASE_IMAGE picks another. */
    static final String BASE = envOr("SENTINEL_BASE_IMAGE", "sentinel-local-base:bookworm-jre17");
    static final String IMAGE = "sentinel:it";
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static String skipReason;
    private static boolean built;

    private Docker() {
    }

    /** What one docker command did. */
    record Result(int exitCode, String out, String err) {
        Result orFail(String what) {
            if (exitCode != 0) throw new AssertionError(what + " failed (" + exitCode + "):\n" + out + err);
            return this;
        }
    }

    /** Runs {@code docker <args>} and waits for it, at most {@code timeout}. */
    static Result run(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        return command(Map.of(), timeout, cmd);
    }

    /** Runs any command (docker-compose) with extra environment variables, at most {@code timeout}. */
    static Result command(Map<String, String> env, Duration timeout, List<String> cmd) {
        try {
            Path out = Files.createTempFile("docker-out", ".txt");
            Path err = Files.createTempFile("docker-err", ".txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", cmd));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Result(127, "", "cannot run " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result run(String... args) {
        return run(Duration.ofSeconds(60), args);
    }

    /**
     * The image of docker/Dockerfile built from {@link #BASE} (once per JVM, from the jar Maven packaged before the
     * integration tests), or the calling test skips when this machine has no engine or no base image.
     */
    static synchronized String sentinelImage() {
        if (!built && skipReason == null) {
            skipReason = whyNot();
            if (skipReason != null && System.getenv("SENTINEL_DOCKER_SKIP") == null) {
                System.err.println("container tests skipped: " + skipReason);
            } else {
                build();
                built = true;
            }
        }
        Assumptions.assumeTrue(skipReason == null, () -> "container tests skipped: " + skipReason);
        return IMAGE;
    }

    private static String whyNot() {
        String ci = System.getenv("SENTINEL_DOCKER_SKIP"); // .ci/with-docker said why already, in one line
        if (ci != null && !ci.isBlank()) return ci;
        Result engine = run(Duration.ofSeconds(20), "version", "--format", "{{.Server.Version}}");
        if (engine.exitCode() != 0) {
            return "no Docker engine answers (" + firstLine(engine.err()) + ")";
        }
        if (run("image", "inspect", BASE).exitCode() != 0) {
            return "no base image " + BASE + " (make it with docker/build-local-base, as root)";
        }
        return null;
    }

    private static void build() {
        long start = System.nanoTime();
        run(Duration.ofMinutes(5), "build", "--network", "host", "--build-arg", "BASE=" + BASE,
                "-f", ROOT.resolve("docker/Dockerfile").toString(), "-t", IMAGE, ROOT.toString())
                .orFail("docker build");
        // the image this build replaced, now untagged: only ours (the label), only untagged ones
        run("image", "prune", "-f", "--filter", "label=io.sentinel.image=sentinel");
        System.err.printf("built %s from %s in %.1f s, %s%n", IMAGE, BASE, (System.nanoTime() - start) / 1e9,
                run("image", "inspect", "-f", "{{.Size}}", IMAGE).out().trim() + " bytes");
    }

    /**
     * An image with Debian's redis-server, for the compose test: the local base plus the package from the base's
     * Debian mirror (apt over the host network), made once per engine.
     */
    static synchronized String redisImage() {
        String image = "sentinel-it-redis:bookworm";
        if (run("image", "inspect", image).exitCode() != 0) {
            String dockerfile = "FROM " + BASE + "\nRUN apt-get update -qq && apt-get install -y -qq"
                    + " --no-install-recommends redis-server >/dev/null"
                    + " && apt-get clean && rm -rf /var/lib/apt/lists/*\n";
            Path dir = ROOT.resolve("sentinel-server/target/redis-image");
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("Dockerfile"), dockerfile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            run(Duration.ofMinutes(5), "build", "-q", "--network", "host", "-t", image, dir.toString())
                    .orFail("docker build " + image);
        }
        return image;
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Writes {@code text} to {@code file} readable by the container's non-root user (a bind mount keeps modes). */
    static Path writeReadable(Path file, String text) {
        try {
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
