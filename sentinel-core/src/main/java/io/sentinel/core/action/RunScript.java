package io.sentinel.core.action;

import java.util.List;

/**
 * Queue {@code path args...} for execution, as redis-sentinel's sentinelScheduleScriptExecution: the
 * notification-script for a WARNING event ({@code <event type> <event message>}) or the client-reconfig-script
 * after a switch ({@code <master> <leader|observer> start <from-ip> <from-port> <to-ip> <to-port>}). The shell runs
 * it off the core thread, with Redis's queue limits, timeout and retries.
 */
public record RunScript(String path, List<String> args) implements Action {
    public RunScript {
        args = List.copyOf(args);
    }
}
