package io.sentinel.server.link;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns link failures into the short reason texts carried by {@code CommandFailed} and {@code LinkLost}. */
final class LinkErrors {
    private LinkErrors() {
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static String reason(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof TimeoutException) return "timeout";
        String msg = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && cause != e) {
            msg = msg == null ? cause.getMessage() : msg + ": " + cause.getMessage();
        }
        return msg == null ? e.getClass().getSimpleName() : msg;
    }
}
