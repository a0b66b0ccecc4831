package io.sentinel.server.runtime;

import io.sentinel.core.Sentinel;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.core.input.UsersChanged;
import io.sentinel.server.command.SentinelCommands;
import io.sentinel.server.command.ServerInfo;
import io.sentinel.server.config.ConfigLoader;
import io.sentinel.server.config.ConfigStore;
import io.sentinel.server.config.LoadedConfig;
import io.sentinel.server.http.Health;
import io.sentinel.server.http.HttpServer;
import io.sentinel.server.http.SentinelMetrics;
import io.sentinel.server.kubernetes.PodLabelSettings;
import io.sentinel.server.kubernetes.PodLabeler;
import io.sentinel.server.link.HostResolver;
import io.sentinel.server.link.LinkManager;
import io.sentinel.server.link.LinkOptions;
import io.sentinel.server.link.ResolverThreads;
import io.sentinel.server.resp.RespServer;
import io.sentinel.server.resp.RespServerConfig;
import io.sentinel.server.command.InfoExtras;
import io.sentinel.core.event.EventType;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import io.sentinel.server.scripts.ScriptRunner;
import io.sentinel.server.tls.Tls;
import io.sentinel.server.tls.TlsAnnounce;
import io.sentinel.server.tls.TlsSettings;
import io.sentinel.server.transport.NettyResources;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running sentinel: wires the Netty resources, the state store, the core loop, the RESP server, the links, the
 * scripts, the metrics and the pod labels. Data flows one way: I/O -> inputs -> core -> actions -> I/O. Closing goes
 * from the outside in: the listeners (no new requests), the core (no new actions), what its actions and events reach
 * (pod labels, scripts, links), the metrics, and last the event loops all of them ran on.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    private static final String VERSION = "0.1.0";

    /** Made first, closed last: every event loop of the RESP server, the links and the HTTP server. */
    private final NettyResources netty = NettyResources.forSentinel();
    private final ConfigStore store;
    private final CoreLoop core;
    private RespServer server; // assigned once, in the constructor; read by the event publisher lambda
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The configuration as last persisted, for SENTINEL CONFIG GET. */
    private volatile SentinelConfig currentConfig;
    // Made once the RESP server listens (start-up order: answer PING first); read only after core.start().
    private LinkManager links;
    private SentinelMetrics metrics; // null when --metrics-port is -1: then no Micrometer class loads
    private ScriptRunner scripts;
    private HttpServer http;
    private volatile boolean httpStarted;
    /** The master-label feature (kubernetes-master-label), null when off: then none of its classes load. */
    private volatile PodLabeler labels;

    /** The core and the RESP server; what the core's actions reach is made in {@link #startServices}. */
    private Daemon(LoadedConfig loaded) throws Exception {
        SentinelConfig config = loaded.config();
        if (config.myid() == null) {
            config = config.withRuntime(ConfigLoader.generateMyid(), config.currentEpoch(), config.masters());
        }
        this.sourceAddress = LinkOptions.sourceAddress(loaded.serverSettings().get("bind-source-addr"));
        TlsSettings tlsSettings = TlsSettings.from(loaded.serverSettings());
        this.tls = Tls.start(tlsSettings);
        this.announce = TlsAnnounce.of(config, tlsSettings);
        this.store = ConfigStore.open(loaded);
        this.currentConfig = config;
        Sentinel sentinel = new Sentinel(announce.forCore(config), Timing.DEFAULTS,
                new SplittableRandom(new SecureRandom().nextLong()), MonotonicClock.millis());
        EventLog events = new EventLog((channel, message) -> this.server.pubSub().publish(channel, message));
        ActionDispatcher dispatcher = new ActionDispatcher(this::persist, a -> links.run(a), e -> {
            events.emit(e);
            links.onEvent(e);
            if (e.type() == EventType.TILT) tiltEntries.incrementAndGet();
            if (metrics != null) metrics.onEvent(e);
            if (labels != null) labels.onEvent(e);
        }, a -> scripts.submit(a));
        this.core = new CoreLoop(sentinel, dispatcher, () -> Runtime.getRuntime().halt(99));
        ServerInfo info = ServerInfo.current(VERSION, loaded.source().toAbsolutePath().toString());
        InfoExtras extras = new InfoExtras("yes".equals(loaded.serverSettings().get("info-extras")),
                tiltEntries::get);
        SentinelCommands commands = new SentinelCommands(core::view, () -> currentConfig, core::request,
                MonotonicClock::millis, info, () -> scripts.pending(), CoreLoop.THREAD_NAME, extras);
        this.server = new RespServer(RespServerConfig.from(config, loaded.serverSettings()), netty,
                MonotonicClock::millis, commands,
                payload -> core.submit(new HelloReceived(payload)), this::stopAsync);
        server.onUsersChanged(lines -> core.submit(new UsersChanged(lines)));
        this.scriptEvents = events;
        if (tls != null && tls.server() != null) server.useTls(tls.server());
    }

    private final EventLog scriptEvents;
    /** INFO's sentinel_total_tilt (with info-extras): +tilt events since start. */
    private final AtomicLong tiltEntries = new AtomicLong();
    private final Tls tls; // null when TLS is off
    private final TlsAnnounce announce;
    /** {@code bind-source-addr}, resolved at start; null: links bind nothing. */
    private final InetAddress sourceAddress;

    private void startServices(SentinelConfig config, Options options) {
        HostResolver resolver = options.hostsFile() == null ? ResolverThreads.system()
                : ResolverThreads.hostsFile(Path.of(options.hostsFile()));
        LinkOptions linkOptions = LinkOptions.forSentinel(config.myid());
        if (tls != null && tls.client() != null) linkOptions = linkOptions.withTls(tls.client());
        linkOptions = linkOptions.withSourceAddress(sourceAddress);
        links = new LinkManager(linkOptions, resolver, netty, MonotonicClock::millis, core::submit);
        scripts = new ScriptRunner(MonotonicClock::millis, () -> core.view().timing(), scriptEvents::emit,
                config.dir() == null ? null : new File(config.dir()));
        if (options.metricsPort() < 0) return;
        metrics = new SentinelMetrics(core::view, MonotonicClock::millis,
                () -> server.stats().connectedClients(), () -> server.stats().pubsubClients(),
                scripts::runningScripts, scripts::queueLength);
        metrics.bindTls(tls);
        http = new HttpServer(options.metricsBind(), options.metricsPort(), metrics,
                new Health(core::view, core::lastStepAtMillis, MonotonicClock::millis), netty);
    }

    /**
     * Listens first (a PING is answered as soon as possible, and a taken port fails fast), then makes the links,
     * scripts and metrics, starts the core, and last the HTTP listener.
     */
    public static Daemon start(LoadedConfig loaded, Options options) throws Exception {
        // checked before anything starts: a missing namespace or API server stops start-up with its reason
        PodLabelSettings podLabels = loaded.serverSettings().containsKey(PodLabelSettings.ENABLE)
                ? PodLabelSettings.from(loaded.serverSettings(), System.getenv()) : null;
        Daemon d = new Daemon(loaded);
        try {
            d.server.start();
            d.startServices(d.currentConfig, options);
        } catch (Exception e) {
            d.close();
            throw e;
        }
        d.core.start();
        if (podLabels != null) d.startPodLabels(podLabels);
        d.startHttp(options);
        // Starting up (config, command line, class loading) leaves a few MB of garbage in the old generation that
        // an idle sentinel would otherwise keep resident for minutes: one full GC now, on an 8-15 MB heap, takes
        // a few ms and lets the launcher's heap-free-ratio flags give those pages back.
        System.gc();
        log.info("Sentinel ID is {}", d.currentConfig.myid());
        log.info("Running mode=sentinel, port={}, state in {}", loaded.config().port(), d.store.location());
        return d;
    }

    /**
     * Options of ours that sentinel.conf has no directive for (given on the command line).
     *
     * @param hostsFile null: names resolve through the system resolver; else only through this file (hosts syntax,
     *                  read on every lookup), for tests and diagnosis
     */
    public record Options(String metricsBind, Integer metricsPort, String hostsFile) {
        public static final Options DEFAULTS = new Options(HttpServer.DEFAULT_BIND, HttpServer.DEFAULT_PORT);

        public Options(String metricsBind, Integer metricsPort) {
            this(metricsBind, metricsPort, null);
        }

        /** Command line first, then the config's {@code metrics-bind} / {@code metrics-port}, then the defaults. */
        public Options orConfig(Map<String, String> settings) {
            String bind = metricsBind != null ? metricsBind
                    : settings.getOrDefault("metrics-bind", DEFAULTS.metricsBind());
            Integer port = metricsPort != null ? metricsPort
                    : settings.containsKey("metrics-port") ? Integer.valueOf(settings.get("metrics-port"))
                    : DEFAULTS.metricsPort();
            return new Options(bind, port, hostsFile);
        }
    }

    private void startPodLabels(PodLabelSettings settings) {
        labels = PodLabeler.start(settings, core::view, MonotonicClock::millis);
        if (metrics != null) metrics.bindPodLabels(labels, PodLabeler::count);
    }

    /** Metrics and probes are a side service: a taken port is logged, and the sentinel keeps serving. */
    private void startHttp(Options options) {
        if (http == null) return;
        try {
            http.start();
            httpStarted = true;
        } catch (Exception e) {
            log.warn("metrics and probes disabled: {}", e.getMessage());
        }
    }

    private void persist(SentinelConfig coreConfig) throws Exception {
        SentinelConfig config = announce.forDisk(coreConfig);
        long started = System.nanoTime();
        store.persist(config);
        if (metrics != null) metrics.recordStateWrite(System.nanoTime() - started);
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
        if (labels != null) labels.close();
        if (scripts != null) scripts.close();
        if (links != null) links.close();
        if (metrics != null) metrics.close();
        netty.close();
        stopped.countDown();
    }
}
