package io.sentinel.server.runtime;

import io.sentinel.core.Sentinel;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.server.command.SentinelCommands;
import io.sentinel.server.command.ServerInfo;
import io.sentinel.server.config.ConfigStore;
import io.sentinel.server.config.LoadedConfig;
import io.sentinel.server.link.LinkManager;
import io.sentinel.server.link.LinkOptions;
import io.sentinel.server.resp.RespServer;
import io.sentinel.server.resp.RespServerConfig;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running sentinel: wires the state store, the core loop, the links and the RESP server, and closes them in
 * reverse order. Data flows one way: I/O -> inputs -> core -> actions -> I/O.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    private static final String VERSION = "0.1.0";

    private final ConfigStore store;
    private final CoreLoop core;
    private final LinkManager links;
    private final RespServer server;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The configuration as last persisted, for SENTINEL CONFIG GET. */
    private volatile SentinelConfig currentConfig;

    private Daemon(LoadedConfig loaded) throws Exception {
        SentinelConfig config = loaded.config();
        if (config.myid() == null) {
            config = config.withRuntime(io.sentinel.server.config.ConfigLoader.generateMyid(), config.currentEpoch(), config.masters());
        }
        this.store = ConfigStore.open(loaded);
        long now = MonotonicClock.millis();
        Sentinel sentinel = new Sentinel(config, Timing.DEFAULTS, new SplittableRandom(new SecureRandom().nextLong()),
                now);
        LinkOptions linkOptions = LinkOptions.forSentinel(config.myid())
                .withSentinelAuth(config.sentinelUser(), config.sentinelPass());
        CoreLoop[] coreRef = new CoreLoop[1];
        this.links = new LinkManager(linkOptions, input -> coreRef[0].submit(input));
        RespServer[] serverRef = new RespServer[1];
        this.currentConfig = config;
        ActionDispatcher dispatcher = new ActionDispatcher(this::persist, links::run,
                (channel, message) -> serverRef[0].pubSub().publish(channel, message));
        this.core = new CoreLoop(sentinel, dispatcher, () -> Runtime.getRuntime().halt(99));
        coreRef[0] = core;
        ServerInfo info = ServerInfo.current(VERSION, loaded.source().toAbsolutePath().toString());
        SentinelCommands commands = new SentinelCommands(core::view, () -> currentConfig, core::request,
                MonotonicClock::millis, info);
        this.server = new RespServer(RespServerConfig.from(config), commands,
                payload -> core.submit(new HelloReceived(payload)), this::stopAsync);
        serverRef[0] = server;
    }

    /** Starts listening, then the core; fails (and cleans up) if the port cannot be bound. */
    public static Daemon start(LoadedConfig loaded) throws Exception {
        Daemon d = new Daemon(loaded);
        try {
            d.server.start();
        } catch (Exception e) {
            d.close();
            throw e;
        }
        d.core.start();
        log.info("Sentinel ID is {}", loaded.config().myid() == null ? "(new)" : loaded.config().myid());
        log.info("Running mode=sentinel, port={}, state in {}", loaded.config().port(), d.store.location());
        return d;
    }

    private void persist(SentinelConfig config) throws Exception {
        store.persist(config);
        currentConfig = config;
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    private void stopAsync() {
        Thread t = new Thread(() -> {
            close();
            System.exit(0);
        }, "sentinel-shutdown");
        t.start();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            log.warn("closing server", e);
        }
        core.close();
        links.close();
        stopped.countDown();
    }
}
