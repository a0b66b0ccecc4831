package io.sentinel.server.it;

import io.sentinel.core.model.Address;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} on 127.0.0.1 and a free port, without persistence, in its own temp dir.
 * <pre>
 * try (RedisProcess master = RedisProcess.master();
 *      RedisProcess replica = RedisProcess.builder().replicaOf(master.address()).start()) { ... }
 * </pre>
 */
public final class RedisProcess extends ChildProcess {
    private final List<String> extraArgs;
    private final String password;
    private final TestCerts tls;

    private RedisProcess(Builder b) {
        super(b.name, b.host, b.port != 0 ? b.port : Ports.free());
        this.extraArgs = List.copyOf(b.args);
        this.password = b.password;
        this.tls = b.tls;
        launch();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static RedisProcess master() {
        return builder().start();
    }

    public static RedisProcess replicaOf(RedisProcess master) {
        return builder().name("replica").replicaOf(master.address()).start();
    }

    @Override
    protected List<String> command() {
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind", host,
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no", "--logfile", "",
                // Redis 7 waits 5 s for more replicas before a diskless full sync: tests want the sync now
                "--repl-diskless-sync-delay", "0"));
        if (tls != null) cmd.addAll(tls.redisArgs(port));
        cmd.addAll(extraArgs);
        return cmd;
    }

    @Override
    protected javax.net.ssl.SSLSocketFactory tlsSocketFactory() {
        return tls == null ? null : tls.clientFactory();
    }

    @Override
    protected String password() {
        return password;
    }

    /** One field of {@code INFO replication} (e.g. "role", "master_link_status"), or null if absent. */
    public String replicationField(String field) {
        try (var jedis = jedis()) {
            for (String line : jedis.info("replication").split("\r\n")) {
                if (line.startsWith(field + ":")) return line.substring(field.length() + 1);
            }
            return null;
        }
    }

    /** Options of one redis-server. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private String name = "redis";
        private String password;
        private String host = HOST;
        private int port;
        private TestCerts tls;

        /** The name in the temp dir, the log file and failure dumps. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Listens on {@code host} (any of 127.0.0.0/8) instead of 127.0.0.1. */
        public Builder bind(String host) {
            this.host = host;
            return this;
        }

        /** A fixed port, e.g. the port of a server this one replaces at another address; default a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder replicaOf(Address master) {
            return args("--replicaof", master.host(), Integer.toString(master.port()));
        }

        public Builder replicaPriority(int priority) {
            return args("--replica-priority", Integer.toString(priority));
        }

        /** Sets requirepass, and masterauth so a replica of a master with the same password can sync. */
        public Builder requirePass(String password) {
            this.password = password;
            return args("--requirepass", password, "--masterauth", password);
        }

        /** TLS only on the process's port ({@code --port 0 --tls-port}), TLS replication, client certificates. */
        public Builder tls(TestCerts certs) {
            this.tls = certs;
            return this;
        }

        /** Any other redis-server arguments, e.g. {@code args("--maxmemory", "10mb")}. */
        public Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        public RedisProcess start() {
            return new RedisProcess(this);
        }
    }
}
