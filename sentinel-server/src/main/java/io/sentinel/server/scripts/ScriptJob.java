package io.sentinel.server.scripts;

import java.util.List;

/** A queued script (Redis's sentinelScriptJob); mutable, touched only by the runner's thread. */
final class ScriptJob {
    final List<String> argv;
    Process process;
    /** When it started while running, else when a retry may start (0 = at once). Monotonic ms. */
    long startAt;
    int retryNum;
    boolean killed;

    ScriptJob(List<String> argv) {
        this.argv = List.copyOf(argv);
    }

    boolean running() {
        return process != null;
    }

    String path() {
        return argv.get(0);
    }

    PendingScript view() {
        return new PendingScript(argv, running(), running() ? process.pid() : 0, startAt, retryNum);
    }
}
