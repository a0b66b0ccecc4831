package io.sentinel.server;

/**
 * slf4j-simple set up before the first logger exists: Redis-like lines ({@code 22 Nov 2026 16:30:18.123 # ...}),
 * to stdout, or to {@code logfile} when the config names one.
 */
final class Logging {
    private Logging() {
    }

    static void configure(String[] argv) {
        setDefault("org.slf4j.simpleLogger.logFile", "System.out");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "dd MMM yyyy HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showLogName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "false");
        setDefault("org.slf4j.simpleLogger.levelInBrackets", "false");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.log.io.lettuce", "warn");
        setDefault("org.slf4j.simpleLogger.log.io.netty", "warn");
    }

    /** Redis opens the logfile after reading the config; an empty name means stdout. */
    static void useLogfile(String logfile) throws java.io.IOException {
        if (logfile == null || logfile.isEmpty()) return;
        // slf4j-simple looks System.out up on every line, so swapping the stream moves every logger to the file.
        java.io.OutputStream file = java.nio.file.Files.newOutputStream(java.nio.file.Path.of(logfile),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        System.setOut(new java.io.PrintStream(new java.io.BufferedOutputStream(file, 8192), true,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
