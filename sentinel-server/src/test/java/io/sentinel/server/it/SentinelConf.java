package io.sentinel.server.it;

import io.sentinel.core.model.Address;
import java.util.ArrayList;
import java.util.List;

/**
 * A small builder for {@code sentinel.conf}, shared by our sentinel and redis-sentinel so a test can run both on
 * the same text. Master options apply to the master of the last {@link #monitor} call.
 * <pre>
 * SentinelConf conf = new SentinelConf().monitor("mymaster", master.address(), 2).downAfterMillis(1000);
 * </pre>
 */
public final class SentinelConf {
    private final List<String> globalLines = new ArrayList<>();
    private final List<String> masterLines = new ArrayList<>();
    private String currentMaster;
    private String requirePass;
    private String host = ChildProcess.HOST;
    private int port;
    private TestCerts tls;
    private final List<String> jvmFlags = new ArrayList<>();

    public SentinelConf monitor(String master, Address address, int quorum) {
        currentMaster = master;
        masterLines.add("sentinel monitor " + master + " " + address.host() + " " + address.port() + " " + quorum);
        return this;
    }

    public SentinelConf downAfterMillis(long millis) {
        return masterOption("down-after-milliseconds", Long.toString(millis));
    }

    public SentinelConf failoverTimeoutMillis(long millis) {
        return masterOption("failover-timeout", Long.toString(millis));
    }

    public SentinelConf parallelSyncs(int n) {
        return masterOption("parallel-syncs", Integer.toString(n));
    }

    /** The password the sentinel uses towards the monitored master and replicas. */
    public SentinelConf authPass(String password) {
        return masterOption("auth-pass", password);
    }

    /** Any {@code sentinel <option> <current master> <value>} line. */
    public SentinelConf masterOption(String option, String value) {
        if (currentMaster == null) throw new IllegalStateException("call monitor(...) before " + option);
        masterLines.add("sentinel " + option + " " + currentMaster + " " + value);
        return this;
    }

    /** The password clients (and PING readiness checks) must give the sentinel itself. */
    public SentinelConf requirePass(String password) {
        this.requirePass = password;
        return line("requirepass " + password);
    }

    /** A JVM flag for our sentinel ({@code -Dsentinel.syslog.socket=...}); redis-sentinel ignores it. */
    public SentinelConf jvmFlag(String flag) {
        jvmFlags.add(flag);
        return this;
    }

    List<String> jvmFlags() {
        return List.copyOf(jvmFlags);
    }

    /** Any global line, e.g. {@code line("sentinel announce-ip 127.0.0.1")}. */
    public SentinelConf line(String text) {
        globalLines.add(text);
        return this;
    }

    /** Listen on {@code host} (any of 127.0.0.0/8) and, unless 0, on a fixed {@code port}: a sentinel moved. */
    public SentinelConf listen(String host, int port) {
        this.host = host;
        this.port = port;
        return this;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** TLS only: {@code port 0}, {@code tls-port} on the process's port, TLS links, client certificates. */
    public SentinelConf tls(TestCerts certs) {
        this.tls = certs;
        return this;
    }

    TestCerts tls() {
        return tls;
    }

    String requirePass() {
        return requirePass;
    }

    /** The file text for a sentinel on {@code port} with its working dir {@code dir}. */
    public String render(int port, String dir) {
        List<String> lines = new ArrayList<>(List.of("port " + (tls == null ? port : 0), "bind " + host,
                "daemonize no", "logfile \"\"", "dir \"" + dir + "\""));
        if (tls != null) {
            lines.add("tls-port " + port);
            lines.addAll(tls.sentinelLines());
        }
        lines.addAll(globalLines);
        lines.addAll(masterLines);
        return String.join("\n", lines) + "\n";
    }
}
