package io.sentinel.server.it;

/**
 * What a {@link FaultProxy} does to the connections of one link, in both directions:
 * <ul>
 * <li>{@link #PASS}: forwards at once;</li>
 * <li>{@link #CUT}: closes the link's connections, and every new one as soon as it is known to be the link's
 *     (the peer sees the connection accepted, then closed: refused);</li>
 * <li>{@link #BLACKHOLE}: keeps the connections open and forwards nothing, not even a close, as a partition that
 *     drops packets (half-open TCP); new connections are accepted and never answered. What was sent is held, as
 *     TCP holds it, and arrives when the fault is lifted, followed by any close; what was already in flight (a
 *     slow link's schedule) still arrives;</li>
 * <li>{@link #slow(long, long)}: forwards every chunk {@code delayMillis} after it arrived, at most
 *     {@code bytesPerSecond} (0: no limit), in order.</li>
 * </ul>
 * A reset (RST) is an event, not a state: {@link FaultProxy#reset(String)}.
 */
public record Fault(Kind kind, long delayMillis, long bytesPerSecond) {
    public enum Kind { PASS, CUT, BLACKHOLE, SLOW }

    public static final Fault PASS = new Fault(Kind.PASS, 0, 0);
    public static final Fault CUT = new Fault(Kind.CUT, 0, 0);
    public static final Fault BLACKHOLE = new Fault(Kind.BLACKHOLE, 0, 0);

    public Fault {
        if (delayMillis < 0 || bytesPerSecond < 0) throw new IllegalArgumentException("negative delay or rate");
    }

    public static Fault delay(long delayMillis) {
        return slow(delayMillis, 0);
    }

    public static Fault throttle(long bytesPerSecond) {
        return slow(0, bytesPerSecond);
    }

    public static Fault slow(long delayMillis, long bytesPerSecond) {
        return new Fault(Kind.SLOW, delayMillis, bytesPerSecond);
    }

    /** True when bytes move (PASS or SLOW). */
    boolean forwards() {
        return kind == Kind.PASS || kind == Kind.SLOW;
    }

    @Override
    public String toString() {
        return kind != Kind.SLOW ? kind.name().toLowerCase()
                : "slow(" + delayMillis + " ms" + (bytesPerSecond > 0 ? ", " + bytesPerSecond + " B/s" : "") + ")";
    }
}
