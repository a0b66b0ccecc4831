package io.sentinel.core.monitor;

import io.sentinel.core.Effects;
import io.sentinel.core.action.CloseLink;
import io.sentinel.core.action.OpenLink;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;
import java.util.TreeMap;

/** The links the core wants open, reference counted by the instances that use them (redis-sentinel's link sharing). */
public final class Links {
    private final TreeMap<Target, LinkState> byTarget = new TreeMap<>();

    /** Attach {@code instance} to the link for its target, opening it if it is the first user. */
    public void attach(InstanceState instance, LinkSettings settings, long now, Effects out) {
        Target target = instance.target();
        LinkState link = byTarget.get(target);
        if (link == null) {
            link = new LinkState(target, now);
            byTarget.put(target, link);
            link.settings = settings;
            link.openRequestedAt = now;
            out.add(new OpenLink(target, settings));
        }
        link.refcount++;
        instance.link = link;
    }

    /** Detach {@code instance}; the link closes when nobody uses it any more. */
    public void detach(InstanceState instance, Effects out) {
        LinkState link = instance.link;
        if (link == null) return;
        instance.link = null;
        if (--link.refcount == 0) {
            byTarget.remove(link.target);
            out.add(new CloseLink(link.target));
        }
    }

    /** Reopen a link with new credentials (after {@code SENTINEL SET auth-pass}). */
    public void reopen(Target target, LinkSettings settings, Effects out) {
        LinkState link = byTarget.get(target);
        if (link == null) return;
        link.connected = false;
        link.pendingCommands = 0;
        link.settings = settings;
        out.add(new CloseLink(target));
        out.add(new OpenLink(target, settings));
    }

    /**
     * Ask again for every link still down after {@code period} (min-link-reconnect-period). OpenLink is idempotent,
     * and the one that created the link may never have run: a failed PersistState drops the rest of its batch.
     */
    public void reassertOpen(long now, long period, Effects out) {
        for (LinkState link : byTarget.values()) {
            if (link.connected || now - link.openRequestedAt < period) continue;
            link.openRequestedAt = now;
            out.add(new OpenLink(link.target, link.settings));
        }
    }

    public LinkState get(Target target) {
        return byTarget.get(target);
    }

    public Iterable<LinkState> all() {
        return byTarget.values();
    }
}
