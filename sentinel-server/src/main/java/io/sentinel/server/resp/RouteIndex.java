package io.sentinel.server.resp;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The dispatcher's commands (or one container's subcommands) by name, matched against a request's argument as bytes
 * in any ASCII case, so a lookup allocates nothing. Open addressing over a power-of-two table, built once.
 */
final class RouteIndex {

    /** One command or subcommand: its table entry, its body once defined, and the checks precomputed. */
    static final class Route {
        final CommandSpec spec;
        final byte[] lowerName;
        /** 0x20 where lowerName has a letter: {@code (b | mask) == lower} folds case there and nowhere else. */
        final byte[] foldMask;
        final boolean noAuth;
        final boolean allowedSubscribed;
        final RouteIndex subcommands;
        /** The command's ACL id ({@link AclCommandSet}); where its first argument is (1, or 2 for a subcommand). */
        final int aclId;
        final int firstArg;
        /** Which arguments are channels for the ACL: none, all (SUBSCRIBE), all patterns (PSUBSCRIBE), the first (PUBLISH). */
        final Channels channels;
        /** PUBLISH: what a CLIENT PAUSE WRITE holds (Redis's hidden may_replicate flag). */
        final boolean mayReplicate;
        /** A CLIENT subcommand: it leaves CLIENT CACHING armed for the next command. */
        final boolean clientCommand;
        Command body;

        Route(CommandSpec spec, String lowerName, boolean allowedSubscribed, RouteIndex subcommands, int aclId) {
            this.spec = spec;
            this.lowerName = lowerName.getBytes(StandardCharsets.UTF_8); // a rename-command name may be any bytes
            this.foldMask = new byte[this.lowerName.length];
            for (int i = 0; i < foldMask.length; i++) {
                if (this.lowerName[i] >= 'a' && this.lowerName[i] <= 'z') foldMask[i] = 0x20;
            }
            this.noAuth = spec.hasFlag("no_auth");
            this.allowedSubscribed = allowedSubscribed;
            this.subcommands = subcommands;
            this.aclId = aclId;
            this.firstArg = spec.name().indexOf('|') < 0 ? 1 : 2;
            this.channels = Channels.of(spec.name());
            this.mayReplicate = spec.name().equals("publish");
            this.clientCommand = spec.name().startsWith("client|");
        }
    }

    enum Channels {
        NONE, ALL, PATTERNS, FIRST;

        static Channels of(String command) {
            switch (command) {
                case "subscribe": return ALL;
                case "psubscribe": return PATTERNS;
                case "publish": return FIRST;
                default: return NONE;
            }
        }
    }

    private final Route[] slots;

    RouteIndex(Collection<Route> routes) {
        int n = Integer.highestOneBit(Math.max(4, routes.size() * 3)) * 2;
        slots = new Route[n];
        for (Route r : routes) {
            int i = Request.lowerHash(r.lowerName, 0, r.lowerName.length) & (n - 1);
            while (slots[i] != null) i = (i + 1) & (n - 1);
            slots[i] = r;
        }
    }

    /** The route named by argument {@code arg} of {@code request}; null if none. */
    Route find(Request request, int arg) {
        int mask = slots.length - 1;
        for (int i = request.lowerHash(arg) & mask; ; i = (i + 1) & mask) {
            Route r = slots[i];
            if (r == null || request.equalsIgnoreCase(arg, r.lowerName, r.foldMask)) return r;
        }
    }
}
