package io.sentinel.server.it;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes every process a test started, newest first, after each test, even when it failed; on failure it first
 * prints each process's state and log tail. Register as an instance field:
 * <pre>
 * &#64;RegisterExtension final ProcessScope processes = new ProcessScope();
 * RedisProcess master = processes.add(RedisProcess.master());
 * </pre>
 */
public final class ProcessScope implements AfterEachCallback {
    private final Deque<ChildProcess> started = new ArrayDeque<>();

    public synchronized <P extends ChildProcess> P add(P process) {
        started.push(process);
        return process;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            System.err.println("=== " + context.getDisplayName() + " failed; processes:");
            started.forEach(p -> System.err.println(p.describe()));
        }
        closeAll();
    }

    private synchronized void closeAll() {
        RuntimeException first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (RuntimeException e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }
}
