package io.sentinel.server.link;

import io.sentinel.core.input.LinkFailed;
import io.sentinel.core.model.LinkFailure;
import io.sentinel.core.model.Target;

/**
 * Tells the core why a link's command connection cannot be used: once per change of cause, not on every retry, and
 * again after the link was up. Event loop of the link's session only.
 */
final class FailureReports {
    private final Target target;
    private final InputSink sink;
    private volatile LinkFailure reported;

    FailureReports(Target target, InputSink sink) {
        this.target = target;
        this.sink = sink;
    }

    /** A connection attempt failed (resolution, connect, or the AUTH and CLIENT SETNAME handshake). */
    void attemptFailed(Throwable cause) {
        report(LinkErrors.classify(cause), LinkErrors.reason(cause));
    }

    /** A PING answered with an error: only a refusal (NOAUTH, NOPERM...) says something about the link. */
    void pingRefused(String error) {
        LinkFailure f = LinkErrors.classify(error);
        if (f == LinkFailure.AUTH_REFUSED || f == LinkFailure.NO_PERMISSION) report(f, error);
    }

    /** A valid PING reply: a refusal reported before is over (the core clears it on the same reply). */
    void pingAnswered() {
        reported = null;
    }

    void connected() {
        reported = null;
    }

    private void report(LinkFailure failure, String detail) {
        if (failure == reported) return;
        reported = failure;
        sink.emit(new LinkFailed(target, failure, detail));
    }
}
