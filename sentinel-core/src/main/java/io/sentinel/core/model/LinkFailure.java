package io.sentinel.core.model;

/**
 * Why a link cannot be used, as the shell classified it: what an operator must fix differs (DNS, credentials, ACL
 * rights, the network or the process), so it is shown apart from a plain SDOWN. Wire names are ours.
 */
public enum LinkFailure {
    /** The host name does not resolve (DNS not ready at pod start, a deleted Service). */
    UNRESOLVED("unresolved"),
    /** The instance refuses our credentials ({@code -WRONGPASS}, {@code -NOAUTH}): auth-pass or sentinel-pass. */
    AUTH_REFUSED("auth-refused"),
    /** Our ACL user may not run a command we need ({@code -NOPERM}). */
    NO_PERMISSION("no-permission"),
    /** Nothing answers there: connection refused, reset or timed out. */
    UNREACHABLE("unreachable");

    private final String wireName;

    LinkFailure(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
