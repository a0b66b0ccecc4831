package io.sentinel.server.runtime;

import io.sentinel.core.Sentinel;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.server.command.SentinelCommands;
import io.sentinel.server.command.ServerInfo;
import io.sentinel.server.config.ConfigStore;
import io.sentinel.server.config.LoadedConfig;
import io.sentinel.server.http.Health;
import io.sentinel.server.http.HttpServer;
import io.sentinel.server.http.SentinelMetrics;
import io.sentinel.server.link.LinkManager;
import io.sentinel.server.link.LinkOptions;
import io.sentinel.server.resp.RespServer;
import io.sentinel.server.resp.RespServerConfig;
import io.sentinel.server.scripts.ScriptRunner;
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
    private final SentinelMetrics metrics;
    private final ScriptRunner scripts;
    private final HttpServer http;
    private volatile boolean httpStarted;

    private Daemon(LoadedConfig loaded, Options options) throws Exception {
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
        EventLog events = new EventLog((channel, message) -> serverRef[0].pubSub().publish(channel, message));
        this.scripts = new ScriptRunner(MonotonicClock::millis, () -> coreRef[0].view().timing(), events::emit,
                config.dir() == null ? null : new java.io.File(config.dir()));
        this.metrics = new SentinelMetrics(() -> coreRef[0].view(), MonotonicClock::millis,
                () -> serverRef[0].stats().connectedClients(), () -> serverRef[0].stats().pubsubClients(),
                scripts::runningScripts, scripts::queueLength);
        ActionDispatcher dispatcher = new ActionDispatcher(this::persist, links::run, e -> {
            events.emit(e);
            metrics.onEvent(e);
        }, scripts::submit);
        this.core = new CoreLoop(sentinel, dispatcher, () -> Runtime.getRuntime().halt(99));
        coreRef[0] = core;
        ServerInfo info = ServerInfo.current(VERSION, loaded.source().toAbsolutePath().toString());
        SentinelCommands commands = new SentinelCommands(core::view, () -> currentConfig, core::request,
                MonotonicClock::millis, info, scripts::pending);
        this.server = new RespServer(RespServerConfig.from(config), commands,
                payload -> core.submit(new HelloReceived(payload)), this::stopAsync);
        serverRef[0] = server;
        this.http = new HttpServer(options.metricsBind(), options.metricsPort(), metrics,
                new Health(core::view, core::lastStepAtMillis, MonotonicClock::millis));
    }

    /** Starts listening, then the core; fails (and cleans up) if the port cannot be bound. */
    public static Daemon start(LoadedConfig loaded, Options options) throws Exception {
        Daemon d = new Daemon(loaded, options);
        try {
            d.server.start();
        } catch (Exception e) {
            d.close();
            throw e;
        }
        d.core.start();
        d.startHttp(options);
        log.info("Sentinel ID is {}", loaded.config().myid() == null ? "(new)" : loaded.config().myid());
        log.info("Running mode=sentinel, port={}, state in {}", loaded.config().port(), d.store.location());
        return d;
    }

    /** Options of ours that sentinel.conf has no directive for (given on the command line). */
    public record Options(String metricsBind, int metricsPort) {
        public static final Options DEFAULTS = new Options(HttpServer.DEFAULT_BIND, HttpServer.DEFAULT_PORT);
    }

    /** Metrics and probes are a side service: a taken port is logged, and the sentinel keeps serving. */
    private void startHttp(Options options) {
        if (options.metricsPort() < 0) return;
        try {
            http.start();
            httpStarted = true;
            log.info("metrics and probes on http://{}:{}/metrics", options.metricsBind(), http.port());
        } catch (Exception e) {
            log.warn("metrics and probes disabled: {}", e.getMessage());
        }
    }

    private void persist(SentinelConfig config) throws Exception {
        long started = System.nanoTime();
        store.persist(config);
        metrics.recordStateWrite(System.nanoTime() - started);
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
        if (httpStarted) http.close();
        try {
            server.close();
        } catch (Exception e) {
            log.warn("closing server", e);
        }
        core.close();
        scripts.close();
        links.close();
        metrics.close();
        stopped.countDown();
    }
}
