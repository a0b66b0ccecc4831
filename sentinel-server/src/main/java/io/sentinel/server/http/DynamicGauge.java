package io.sentinel.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A gauge whose label sets follow the view, as masters, replicas and addresses come and go. Each scrape {@link
 * #set}s the rows it sees and then {@link #publish}es: new rows are registered, rows not set this time are removed.
 * A row keeps its value cell across scrapes, so a steady topology registers nothing after the first scrape.
 */
final class DynamicGauge {
    private final MultiGauge gauge;
    private Map<Tags, double[]> live = new HashMap<>();
    private Map<Tags, double[]> next = new HashMap<>();
    private final List<MultiGauge.Row<?>> rows = new ArrayList<>();

    DynamicGauge(MeterRegistry registry, String name, String description) {
        this.gauge = MultiGauge.builder(name).description(description).register(registry);
    }

    void set(Tags tags, double value) {
        double[] cell = next.get(tags);
        if (cell == null) {
            cell = live.get(tags);
            if (cell == null) cell = new double[1];
            next.put(tags, cell);
            rows.add(MultiGauge.Row.of(tags, cell, c -> c[0]));
        }
        cell[0] = value;
    }

    /** Makes the rows set since the last publish the gauge's rows. */
    void publish() {
        // overwrite=false: rows already registered keep their meter (and their cell), only changes touch the registry
        gauge.register(rows, false);
        rows.clear();
        Map<Tags, double[]> old = live;
        live = next;
        old.clear();
        next = old;
    }
}
