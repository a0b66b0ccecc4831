package io.sentinel.server.command;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What {@code INFO server} says about this process. {@code redisVersion} is the Redis version we answer as (clients
 * gate features on it); {@code implVersion} is our own. {@code runId} is Redis's per-process {@code run_id}, which
 * redis-sentinel keeps distinct from the persistent sentinel {@code myid}.
 */
public record ServerInfo(
        String redisVersion,
        String implVersion,
        String runId,
        long processId,
        String executable,
        String configFile,
        String os,
        int archBits,
        int hz) {

    public static final String REDIS_VERSION = "7.0.15";

    /** This JVM's facts, a fresh random run id, and the config file path ("" when none). */
    public static ServerInfo current(String implVersion, String configFile) {
        ProcessHandle self = ProcessHandle.current();
        byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        return new ServerInfo(REDIS_VERSION, implVersion, HexFormat.of().formatHex(id), self.pid(),
                self.info().command().orElse(""), configFile == null ? "" : configFile, osString(),
                jvmArchBits(), 10);
    }

    /** Redis's event loop API name; the JVM's selector (and Netty's transport) uses the same one per OS. */
    public String multiplexingApi() {
        String name = os().toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) return "epoll";
        if (name.startsWith("mac") || name.contains("bsd")) return "kqueue";
        return "select";
    }

    /** Redis prints {@code uname}: sysname, release, machine ({@code Linux 6.1.0 x86_64}). */
    static String osString() {
        String arch = System.getProperty("os.arch", "");
        if (arch.equals("amd64")) arch = "x86_64";
        return System.getProperty("os.name", "") + " " + System.getProperty("os.version", "") + " " + arch;
    }

    private static int jvmArchBits() {
        String model = System.getProperty("sun.arch.data.model", "64");
        return model.toLowerCase(Locale.ROOT).contains("32") ? 32 : 64;
    }
}
