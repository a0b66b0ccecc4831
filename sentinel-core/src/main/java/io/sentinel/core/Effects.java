package io.sentinel.core;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.Publish;
import io.sentinel.core.action.RunScript;
import io.sentinel.core.event.Event;
import io.sentinel.core.event.EventLevel;
import io.sentinel.core.event.EventType;
import io.sentinel.core.model.Address;
import io.sentinel.core.monitor.MasterState;
import java.util.ArrayList;
import java.util.List;

/**
 * What one step of the core produces: actions in order, and whether the state must be persisted first. The core
 * sorts it out at the end of the step: PersistState (if asked) leads the batch.
 */
public final class Effects {
    private final List<Action> actions = new ArrayList<>();
    private boolean persist;

    public void add(Action action) {
        actions.add(action);
    }

    /** An event about no master in particular (TILT): published and logged, never a script. */
    public void event(EventType type, String details) {
        actions.add(new Publish(Event.of(type, details)));
    }

    /** An event describing {@code instance} of master {@code m}, with nothing after the description. */
    public void event(MasterState m, EventType type, Event.Instance instance) {
        event(m, new Event(type, m.name, instance, ""));
    }

    /** An event describing {@code instance} of master {@code m}, then {@code details}. */
    public void event(MasterState m, EventType type, Event.Instance instance, String details) {
        event(m, new Event(type, m.name, instance, details));
    }

    /** An event about master {@code m} whose payload describes no instance ({@code +switch-master}). */
    public void event(MasterState m, EventType type, String details) {
        event(m, new Event(type, m.name, null, details));
    }

    /**
     * As sentinelEvent does, a WARNING event about a master queues its notification-script with the event type and
     * message as its two arguments.
     */
    private void event(MasterState m, Event e) {
        actions.add(new Publish(e));
        if (e.type().level() == EventLevel.WARNING && m.notificationScript != null) {
            actions.add(new RunScript(m.notificationScript, List.of(e.type().channel(), e.payload())));
        }
    }

    /**
     * sentinelCallClientReconfScript: the master moved from {@code from} to {@code to}; {@code leader} is true on
     * the sentinel that ran the failover, false on observers. Redis 7.0 always passes the state {@code start}.
     */
    public void clientReconfig(MasterState m, boolean leader, Address from, Address to) {
        if (m.clientReconfigScript == null) return;
        from = m.announce.apply(from);
        to = m.announce.apply(to);
        actions.add(new RunScript(m.clientReconfigScript, List.of(m.name, leader ? "leader" : "observer", "start",
                from.host(), Integer.toString(from.port()), to.host(), Integer.toString(to.port()))));
    }

    /** The step changed durable state (epoch, vote, config epoch, settings, known instances). */
    public void persist() {
        persist = true;
    }

    public boolean persistRequested() {
        return persist;
    }

    public List<Action> actions() {
        return actions;
    }
}
