package io.sentinel.core;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.Publish;
import io.sentinel.core.event.Event;
import io.sentinel.core.event.EventType;
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

    public void event(EventType type, String payload) {
        actions.add(new Publish(new Event(type, payload)));
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
