package io.sentinel.server.link;

import io.sentinel.core.model.LinkFailure;
import java.net.UnknownHostException;
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

    /** Why an attempt failed, for the operator: the name, the credentials, the rights, or the network. */
    static LinkFailure classify(Throwable t) {
        for (Throwable e = unwrap(t); e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof UnknownHostException) return LinkFailure.UNRESOLVED;
            LinkFailure f = classify(e.getMessage());
            if (f != LinkFailure.UNREACHABLE) return f;
        }
        return LinkFailure.UNREACHABLE;
    }

    /** An error reply's text: Redis's words for refused credentials ({@code WRONGPASS}, {@code NOAUTH}, pre-6 ones) and rights. */
    static LinkFailure classify(String error) {
        if (error == null) return LinkFailure.UNREACHABLE;
        if (error.startsWith("WRONGPASS") || error.startsWith("NOAUTH") || error.startsWith("ERR invalid password")
                || error.startsWith("ERR invalid username-password")) {
            return LinkFailure.AUTH_REFUSED;
        }
        if (error.startsWith("NOPERM")) return LinkFailure.NO_PERMISSION;
        return LinkFailure.UNREACHABLE;
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
