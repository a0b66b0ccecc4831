package io.sentinel.server.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A client's CLIENT TRACKING state, as Redis keeps it in the client's flags. A sentinel has no keys, so no
 * invalidation is ever sent (as in redis-sentinel): the state is what CLIENT TRACKINGINFO, GETREDIR, CLIENT LIST
 * ({@code t}, {@code B}, {@code redir=}) and INFO ({@code tracking_clients}, {@code tracking_total_prefixes}) show.
 * Immutable: the client's event loop replaces it, INFO on another thread reads it.
 *
 * @param redirect the client id invalidations would go to; 0 for none
 * @param prefixes BCAST prefixes in Redis's rax order (bytewise); "" when BCAST was enabled without any
 * @param caching CLIENT CACHING yes (OPTIN) or no (OPTOUT) for the next command
 */
record Tracking(boolean on, boolean bcast, boolean optIn, boolean optOut, boolean noLoop, boolean caching,
        long redirect, List<String> prefixes) {

    static final Tracking OFF = new Tracking(false, false, false, false, false, false, 0, List.of());

    /** rax order: unsigned bytes of the UTF-8 form. */
    static final Comparator<String> RAX_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    Tracking {
        prefixes = List.copyOf(prefixes);
    }

    Tracking withCaching(boolean value) {
        return new Tracking(on, bcast, optIn, optOut, noLoop, value, redirect, prefixes);
    }

    /** stringCheckPrefix: one is a prefix of the other (so "" overlaps everything). */
    static boolean overlap(String a, String b) {
        return a.startsWith(b) || b.startsWith(a);
    }
}
