package io.sentinel.core.sim;

import java.util.Comparator;
import java.util.PriorityQueue;

/** Virtual time and the queue of things due: tasks run in time order, ties in the order they were scheduled. */
final class SimClock {
    private record Due(long at, long seq, Runnable task) { }

    private final PriorityQueue<Due> queue = new PriorityQueue<>(
            Comparator.comparingLong(Due::at).thenComparingLong(Due::seq));
    private long now;
    private long seq;
    private long steps;

    SimClock(long start) {
        this.now = start;
    }

    long now() {
        return now;
    }

    long steps() {
        return steps;
    }

    void at(long time, Runnable task) {
        queue.add(new Due(Math.max(time, now), seq++, task));
    }

    void after(long delay, Runnable task) {
        at(now + delay, task);
    }

    /** Runs every task due up to {@code until}, then sets the time to {@code until}. */
    void runUntil(long until) {
        while (!queue.isEmpty() && queue.peek().at() <= until) {
            Due d = queue.poll();
            now = d.at();
            steps++;
            d.task().run();
        }
        now = Math.max(now, until);
    }
}
