package io.sentinel.server.it;

import io.sentinel.core.model.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * OUR sentinel as a child JVM: {@code java -cp <test classpath> io.sentinel.server.Main <conf> [args]}, with a
 * generated {@code sentinel.conf} in its temp dir and a free port.
 * {@link RealSentinelProcess} runs Debian's redis-sentinel on the same {@link SentinelConf}, so tests can mix both.
 */
public class SentinelProcess extends ChildProcess {
    /** Small and quick to start: several sentinels run on one CI machine. */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmx256m", "-Xss512k",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    protected final Path confFile;
    private final String password;
    private final List<String> args;
    private final TestCerts tls;
    private final List<String> jvmFlags;
    /** Where our sentinel serves /metrics, /healthz and /readyz (a free port of its own, so several can run). */
    private final int metricsPort = Ports.free();

    public SentinelProcess(SentinelConf conf, String... args) {
        this("sentinel", conf, args);
    }

    /** With its sentinel.conf at {@code confFile} (on a mount the test controls, say) instead of in its dir. */
    public SentinelProcess(SentinelConf conf, Path confFile, String... args) {
        this("sentinel", conf, confFile, args);
    }

    protected SentinelProcess(String name, SentinelConf conf, String... args) {
        this(name, conf, null, args);
    }

    private SentinelProcess(String name, SentinelConf conf, Path confFile, String... args) {
        super(name, conf.host(), conf.port() != 0 ? conf.port() : Ports.free());
        this.confFile = confFile != null ? confFile : dir.resolve("sentinel.conf");
        this.password = conf.requirePass();
        this.tls = conf.tls();
        this.jvmFlags = conf.jvmFlags();
        this.args = List.of(args);
        try {
            Files.writeString(this.confFile, conf.render(port, dir.toString()));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
        launch();
    }

    @Override
    protected List<String> command() {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.sentinel.server.Main",
                confFile.toString(), "--metrics-port", Integer.toString(metricsPort)));
        cmd.addAll(args);
        return cmd;
    }

    @Override
    protected javax.net.ssl.SSLSocketFactory tlsSocketFactory() {
        return tls == null ? null : tls.clientFactory();
    }

    public int metricsPort() {
        return metricsPort;
    }

    @Override
    protected String password() {
        return password;
    }

    /** The extra command line arguments after the conf file. */
    protected final List<String> args() {
        return args;
    }

    public Path confFile() {
        return confFile;
    }

    /**
     * {@code SENTINEL get-master-addr-by-name}, or null when the sentinel does not know the master. Right after a
     * start our sentinel answers {@code NOTCONFIRMED} until a peer or the master confirms the address (docs/failover.md);
     * this asks again for up to 10 s, as a client would, so tests see the answer; {@link #masterAddressOnce} does not.
     */
    public Address masterAddress(String master) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return masterAddressOnce(master);
            } catch (JedisDataException e) {
                if (!e.getMessage().startsWith("NOTCONFIRMED") || System.nanoTime() > deadline) throw e;
                Thread.onSpinWait();
            }
        }
    }

    /** One {@code SENTINEL get-master-addr-by-name}: an error reply throws. */
    public Address masterAddressOnce(String master) {
        try (Jedis jedis = jedis()) {
            List<String> reply = jedis.sentinelGetMasterAddrByName(master);
            return reply == null || reply.isEmpty() ? null : new Address(reply.get(0), Integer.parseInt(reply.get(1)));
        }
    }

    /** The sentinel.conf as it is now (redis-sentinel and ours rewrite it) and the process state. */
    @Override
    public String describe() {
        String conf;
        try {
            conf = Files.readString(confFile);
        } catch (IOException e) {
            conf = "(unreadable: " + e.getMessage() + ")";
        }
        return super.describe() + "\n--- sentinel.conf ---\n" + conf;
    }
}
