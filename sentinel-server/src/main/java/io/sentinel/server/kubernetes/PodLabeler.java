package io.sentinel.server.kubernetes;

import io.sentinel.core.event.Event;
import io.sentinel.core.event.EventType;
import io.sentinel.core.model.Address;
import io.sentinel.core.view.SentinelView;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the master label on the Redis pods (docs/kubernetes.md, "A Service that follows the master"): on its own
 * thread, once a second and at once after {@code +switch-master}, it compares the labels this sentinel's view asks
 * for ({@link DesiredLabels}) with those it last set, and patches only the differences. The first check runs at
 * start, so a restarted sentinel sets every label once again (a merge patch of the same value changes nothing).
 * A failed patch is retried with back-off (1 s doubling to 30 s, at once when the wanted value changes), logged
 * when a pod starts failing or fails differently and when it recovers, and counted by result.
 */
public final class PodLabeler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PodLabeler.class);
    static final long CHECK_MILLIS = 1000;
    static final long FIRST_RETRY_MILLIS = 1000;
    static final long MAX_RETRY_MILLIS = 30_000;
    /** The results counted, as {@code sentinel_kubernetes_label_patches_total{result}} shows them. */
    public static final Set<String> RESULTS = Set.of("ok", "denied", "not_found", "error");

    private final PodLabelSettings settings;
    private final Supplier<SentinelView> view;
    private final PodsApi api;
    private final LongSupplier clock;
    private final ScheduledThreadPoolExecutor thread;
    // labeler thread only
    private final Map<String, String> applied = new HashMap<>();
    private final Map<String, Retry> failing = new HashMap<>();
    private final Set<Address> reportedUnmappable = new HashSet<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> counts = new LinkedHashMap<>();

    private record Retry(String value, int status, long delayMillis, long dueAtMillis) {
    }

    private PodLabeler(PodLabelSettings settings, Supplier<SentinelView> view, LongSupplier clock) {
        this.settings = settings;
        this.view = view;
        this.clock = clock;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sentinel-kubernetes");
            t.setDaemon(true);
            return t;
        });
        this.api = new PodsApi(settings);
        for (String r : RESULTS) counts.put(r, new java.util.concurrent.atomic.AtomicLong());
    }

    /** Starts checking at once, then every second. */
    public static PodLabeler start(PodLabelSettings settings, Supplier<SentinelView> view, LongSupplier clock) {
        log.info("Kubernetes: keeping label {}=master|replica on the Redis pods in namespace {} through {}",
                settings.label(), settings.namespace(), settings.apiUrl());
        PodLabeler labeler = new PodLabeler(settings, view, clock);
        labeler.thread.scheduleWithFixedDelay(labeler::check, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        return labeler;
    }

    /** Called for every event (on the core thread): only {@code +switch-master} matters, and it only wakes us. */
    public void onEvent(Event e) {
        if (e.type() != EventType.SWITCH_MASTER) return;
        try {
            thread.execute(this::check);
        } catch (RejectedExecutionException closing) {
            // closing: nothing left to label
        }
    }

    /** Patches counted by result ({@link #RESULTS}), for the metrics. */
    public long count(String result) {
        return counts.get(result).get();
    }

    private void check() {
        try {
            DesiredLabels wanted = DesiredLabels.of(view.get());
            for (Address a : wanted.unmappable()) {
                if (reportedUnmappable.add(a)) {
                    log.warn("Kubernetes: cannot label the pod of {}: it is known by IP; give the Redis pods host"
                            + " names (replica-announce-ip <pod FQDN>, resolve-hostnames yes)", a.hostPort());
                }
            }
            wanted.byPod().forEach(this::apply);
        } catch (RuntimeException e) {
            log.warn("Kubernetes: label check failed", e); // keeps the schedule alive
        }
    }

    private void apply(String pod, String value) {
        if (value.equals(applied.get(pod))) return;
        Retry retry = failing.get(pod);
        long now = clock.getAsLong();
        if (retry != null && retry.value().equals(value) && now < retry.dueAtMillis()) return;
        PodsApi.Result r = api.patchLabel(pod, value);
        counts.get(result(r.status())).incrementAndGet();
        if (r.ok()) {
            applied.put(pod, value);
            if (failing.remove(pod) != null) log.info("Kubernetes: pod {} labeled {}={} again", pod, settings.label(), value);
            else log.info("Kubernetes: pod {} labeled {}={}", pod, settings.label(), value);
            return;
        }
        applied.remove(pod);
        long delay = retry == null ? FIRST_RETRY_MILLIS : Math.min(MAX_RETRY_MILLIS, retry.delayMillis() * 2);
        if (retry == null || retry.status() != r.status()) {
            log.warn("Kubernetes: cannot label pod {} {}={}: {} (retrying with back-off; logged again on change)",
                    pod, settings.label(), value, describe(r));
        }
        failing.put(pod, new Retry(value, r.status(), delay, now + delay));
    }

    static String result(int status) {
        if (status >= 200 && status < 300) return "ok";
        if (status == 401 || status == 403) return "denied";
        if (status == 404) return "not_found";
        return "error";
    }

    private static String describe(PodsApi.Result r) {
        return r.status() < 0 ? r.message() : "HTTP " + r.status() + " " + r.message();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
