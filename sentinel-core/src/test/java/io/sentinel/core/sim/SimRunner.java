package io.sentinel.core.sim;

import io.sentinel.core.event.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Runs many seeds (in parallel: each seed is its own deterministic world), collects every failure, and reports the
 * first ones with the trace tail. {@code -Dsim.seeds=N} sets how many seeds, {@code -Dsim.seed=N} replays one.
 */
final class SimRunner {
    record Summary(int seeds, List<SimScenario.Result> failures, long wallMillis, long steps,
            Map<EventType, Integer> events, List<SimScenario.Result> sharedEpochs) {
        /** How many runs saw {@code type} at least once: shows the faults really happen. */
        int runsWith(EventType type) {
            return events.getOrDefault(type, 0);
        }
    }

    private SimRunner() {
    }

    static long property(String name, long fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static int traceLines() {
        return (int) property("sim.trace", 40);
    }

    /** Seeds {@code 0..count-1}, or just {@code -Dsim.seed}. */
    static Summary run(long defaultCount, LongFunction<SimScenario.Result> scenario) {
        long one = property("sim.seed", -1);
        long count = property("sim.seeds", defaultCount);
        LongStream seeds = one >= 0 ? LongStream.of(one) : LongStream.range(0, count);
        long start = System.nanoTime();
        List<SimScenario.Result> results = seeds.parallel().mapToObj(scenario).toList();
        long wall = (System.nanoTime() - start) / 1_000_000;
        List<SimScenario.Result> failures = new ArrayList<>();
        List<SimScenario.Result> shared = new ArrayList<>();
        Map<EventType, Integer> runsWith = new EnumMap<>(
                EventType.class);
        long steps = 0;
        for (SimScenario.Result r : results) {
            steps += r.steps();
            if (!r.ok()) failures.add(r);
            if (r.sharedEpochs() > 0) shared.add(r);
            r.events().keySet().forEach(t -> runsWith.merge(t, 1, Integer::sum));
        }
        dumpSteps(results);
        return new Summary(results.size(), failures, wall, steps, runsWith, shared);
    }

    /**
     * With {@code -Dsim.stepsDir=DIR}, writes one line per seed (seed, steps, virtual time, event counts) to
     * {@code DIR/<TestClass>.<method>.steps}: two runs of the same seeds, before and after a change that must not
     * change behaviour, compare with {@code diff}.
     */
    private static void dumpSteps(List<SimScenario.Result> results) {
        String dir = System.getProperty("sim.stepsDir");
        if (dir == null || dir.isBlank()) return;
        StackWalker.StackFrame caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.filter(SimRunner::isTest).findFirst().orElseThrow());
        String simple = caller.getClassName().substring(caller.getClassName().lastIndexOf('.') + 1);
        StringBuilder b = new StringBuilder();
        for (SimScenario.Result r : results) {
            b.append(r.seed()).append(' ').append(r.steps()).append(' ').append(r.virtualMillis()).append(' ')
                    .append(new TreeMap<>(r.events())).append('\n');
        }
        try {
            Path file = Path.of(dir, simple + "." + caller.getMethodName() + ".steps");
            Files.createDirectories(file.getParent());
            Files.writeString(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A frame of a JUnit test method: the test whose seeds these are. */
    private static boolean isTest(StackWalker.StackFrame f) {
        for (Method m : f.getDeclaringClass().getDeclaredMethods()) {
            if (m.getName().equals(f.getMethodName()) && m.isAnnotationPresent(Test.class)) {
                return true;
            }
        }
        return false;
    }

    static String report(String test, Summary s) {
        StringBuilder b = new StringBuilder();
        b.append(s.failures().size()).append(" of ").append(s.seeds()).append(" seeds failed. First failing seeds:");
        for (int i = 0; i < Math.min(10, s.failures().size()); i++) b.append(' ').append(s.failures().get(i).seed());
        SimScenario.Result first = s.failures().get(0);
        b.append("\n\nseed ").append(first.seed()).append(" (").append(first.sentinels()).append(" sentinels): ")
                .append(first.failure()).append("\nreplay: mvn -o test -pl sentinel-core -Dtest='").append(test)
                .append("' -Dsim.seed=").append(first.seed()).append(" [-Dsim.trace=200]\n\nstate:\n")
                .append(first.state()).append("\nlast ").append(first.trace().size()).append(" trace lines:\n");
        for (String line : first.trace()) b.append(line).append('\n');
        for (int i = 1; i < Math.min(5, s.failures().size()); i++) {
            SimScenario.Result r = s.failures().get(i);
            b.append("\nseed ").append(r.seed()).append(": ").append(r.failure());
        }
        return b.toString();
    }
}
