package io.sentinel.server.resp;

import io.sentinel.server.reply.Resp;
import io.sentinel.server.runtime.MonotonicClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * ACL LOG: the refused commands, channels and logins, newest first, at most acllog-max-len (Redis's default:
 * {@value #MAX_ENTRIES}; 0 keeps none).
 * As in Redis, an entry with the same reason, context, object and user among the 10 newest and within a minute counts
 * up (and becomes the newest) instead of adding a new one, and keeps the client information of the latest.
 */
final class AclLog {
    static final int MAX_ENTRIES = 128;
    private static final long GROUPING_MILLIS = 60_000;
    private static final int GROUPING_SCAN = 10;

    enum Reason { COMMAND, CHANNEL, AUTH }

    private static final class Entry {
        final Reason reason;
        final String object;
        final String user;
        long count = 1;
        long atMillis;
        String clientInfo;

        Entry(Reason reason, String object, String user) {
            this.reason = reason;
            this.object = object;
            this.user = user;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Function<ClientConnection, String> clientInfo;
    private final int maxEntries;

    AclLog(Function<ClientConnection, String> clientInfo) {
        this(clientInfo, MAX_ENTRIES);
    }

    AclLog(Function<ClientConnection, String> clientInfo, int maxEntries) {
        this.clientInfo = clientInfo;
        this.maxEntries = maxEntries;
    }

    synchronized void add(Reason reason, String object, String user, ClientConnection c) {
        long now = MonotonicClock.millis();
        Entry match = null;
        int scanned = 0;
        for (Entry e : entries) {
            // Redis looks at the 10 newest entries only
            if (++scanned > GROUPING_SCAN) break;
            if (e.reason == reason && e.object.equals(object) && e.user.equals(user)
                    && now - e.atMillis < GROUPING_MILLIS) {
                match = e;
                break;
            }
        }
        if (match != null) {
            entries.remove(match);
            match.count++;
        } else {
            match = new Entry(reason, object, user);
        }
        match.atMillis = now;
        match.clientInfo = clientInfo.apply(c);
        entries.addFirst(match);
        while (entries.size() > maxEntries) entries.removeLast();
    }

    synchronized void reset() {
        entries.clear();
    }

    /** The newest {@code count} entries, each as Redis 7.0 lists them. */
    synchronized Resp reply(long count) {
        long now = MonotonicClock.millis();
        List<Resp> out = new ArrayList<>();
        Iterator<Entry> it = entries.iterator();
        while (it.hasNext() && out.size() < count) {
            Entry e = it.next();
            out.add(new Resp.MapReply(List.of(
                    Resp.bulk("count"), Resp.integer(e.count),
                    Resp.bulk("reason"), Resp.bulk(e.reason.name().toLowerCase(java.util.Locale.ROOT)),
                    Resp.bulk("context"), Resp.bulk("toplevel"),
                    Resp.bulk("object"), Resp.bulk(e.object),
                    Resp.bulk("username"), Resp.bulk(e.user),
                    Resp.bulk("age-seconds"), new Resp.Dbl((now - e.atMillis) / 1000.0),
                    Resp.bulk("client-info"), Resp.bulk(Objects.toString(e.clientInfo)))));
        }
        return Resp.array(out);
    }
}
