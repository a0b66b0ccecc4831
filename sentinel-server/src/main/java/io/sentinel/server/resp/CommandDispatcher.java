package io.sentinel.server.resp;

import io.sentinel.server.command.Errors;
import io.sentinel.server.resp.RouteIndex.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one request as Redis 7.0's processCommand does, in the same order of checks: look the command up
 * (unknown command or subcommand), check arity, require authentication unless the command is {@code no_auth},
 * check the user's ACL (command, then channels), restrict a RESP2 subscriber to the pub/sub commands, then run it.
 * Runs on the client's event loop, once per request: the lookup matches bytes and the checks are precomputed per
 * command and per user, so it allocates nothing itself.
 */
final class CommandDispatcher {
    /** What a RESP2 client in subscribed mode may still run (QUIT and RESET are not sentinel commands). */
    private static final Set<String> SUBSCRIBED_MODE = Set.of("ping", "subscribe", "psubscribe", "unsubscribe",
            "punsubscribe", "ssubscribe", "sunsubscribe", "quit", "reset");

    /**
     * Valkey's spellings of three read-only SENTINEL subcommands, run as redis-sentinel 7.0's (and checked by the ACL
     * as those); COMMAND does not list them, as redis-sentinel 7.0's does not.
     */
    private static final Map<String, String> VALKEY_ALIASES = Map.of("sentinel|primaries", "sentinel|masters",
            "sentinel|primary", "sentinel|master", "sentinel|get-primary-addr-by-name", "sentinel|get-master-addr-by-name",
            "sentinel|is-primary-down-by-addr", "sentinel|is-master-down-by-addr");

    /** Not a reply: the connection's user was deleted and the connection is closing. */
    private static final String CLOSED = new String("closed");

    private final CommandTable table;
    private final RouteIndex commands;
    private final Map<String, Route> byFullName = new HashMap<>();
    private final AclLog aclLog;
    private final ClientPause pause;

    CommandDispatcher(CommandTable table, AclCommandSet acl, AclLog aclLog, ClientPause pause) {
        this(table, acl, aclLog, pause, Map.of());
    }

    /**
     * {@code renames}: the top-level rename-command, original name to the name clients use ({@code ""}: removed).
     * As in Redis only the lookup changes: checks, ACL rules, errors and COMMAND keep the original name.
     */
    CommandDispatcher(CommandTable table, AclCommandSet acl, AclLog aclLog, ClientPause pause,
            Map<String, String> renames) {
        this.table = table;
        this.aclLog = aclLog;
        this.pause = pause;
        for (String original : renames.keySet()) {
            if (table.get(original) == null) throw new IllegalArgumentException("no command to rename: " + original);
        }
        List<Route> top = new ArrayList<>();
        for (CommandSpec c : table.topLevel()) {
            String name = asciiLower(renames.getOrDefault(c.name(), c.name()));
            boolean allowed = SUBSCRIBED_MODE.contains(c.name());
            List<Route> subs = new ArrayList<>();
            for (CommandSpec s : c.subcommands().values()) {
                subs.add(index(new Route(s, s.name().substring(c.name().length() + 1), allowed, null,
                        acl.id(s.name()))));
            }
            Route r = index(new Route(c, name, allowed, c.isContainer() ? new RouteIndex(subs) : null,
                    acl.id(c.name())));
            if (!name.isEmpty()) top.add(r);
        }
        commands = new RouteIndex(top);
    }

    /** strcasecmp folds ASCII letters only. */
    private static String asciiLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) b.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch);
        return b.toString();
    }

    private Route index(Route r) {
        byFullName.put(r.spec.name(), r);
        return r;
    }

    /** Gives the table entry {@code fullName} its body. */
    void define(String fullName, Command body) {
        Route r = byFullName.get(fullName);
        if (r == null) throw new IllegalArgumentException("not in table: " + fullName);
        r.body = body;
    }

    CommandTable table() {
        return table;
    }

    /**
     * Runs or refuses {@code args}; false if a CLIENT PAUSE holds it (after every check, as in Redis): the caller
     * keeps a copy and dispatches it again when {@code waiter} is woken.
     */
    boolean dispatch(ClientConnection client, Request args, ClientPause.Waiter waiter) {
        Route route = commands.find(args, 0);
        if (route != null && route.subcommands != null && args.size() > 1) {
            Route sub = route.subcommands.find(args, 1);
            if (sub == null) sub = byFullName.get(VALKEY_ALIASES.get(route.spec.name() + "|"
                    + args.get(1).toLowerCase(java.util.Locale.ROOT)));
            if (sub == null) {
                client.commandLookedUp(false);
                client.reply(Errors.reply(Errors.unknownSubcommand(args.get(1), args.get(0))));
                return true;
            }
            route = sub;
        }
        client.commandLookedUp(route != null && route.clientCommand);
        if (route == null) {
            client.reply(Errors.reply(Errors.unknownCommand(args)));
            return true;
        }
        String refusal = refusal(client, route, args.size());
        if (refusal == null) refusal = aclRefusal(client, route, args);
        if (refusal == null) refusal = subscribedRefusal(client, route);
        if (refusal != null) {
            if (refusal != CLOSED) client.reply(Errors.reply(refusal));
            return true;
        }
        String name = route.spec.name();
        if (pause.holds(route.mayReplicate)) {
            client.refusedCommand(name);
            pause.park(waiter, route.mayReplicate);
            return false;
        }
        client.beginCommand(name);
        if (route.body == null) client.reply(Errors.reply(Errors.notSupported(name)));
        else route.body.run(client, args);
        return true;
    }

    private static String refusal(ClientConnection client, Route route, int words) {
        if (!route.spec.arityAccepts(words)) return Errors.wrongArity(route.spec.name());
        if (!route.noAuth && !client.authenticated()) return Errors.NOAUTH;
        return null;
    }

    /** ACLCheckAllPerm: the command (no_auth ones are exempt), then its channels; a refusal goes to ACL LOG. */
    private String aclRefusal(ClientConnection client, Route route, Request args) {
        AclUser user = client.aclUser();
        Grant grant = user.grant();
        if (grant.retired) {
            // ACL DELUSER closes this connection from another event loop; a request that came first runs nothing
            client.channel().close();
            return CLOSED;
        }
        if (!route.noAuth && !grant.mayRun(route.aclId, args, route.firstArg)) {
            client.refusedCommand(route.spec.name());
            aclLog.add(AclLog.Reason.COMMAND, route.spec.name(), user.name, client);
            return Errors.noPermCommand(route.spec.name());
        }
        if (route.channels == RouteIndex.Channels.NONE) return null;
        String denied = deniedChannel(grant, route.channels, args);
        if (denied == null) return null;
        client.refusedCommand(route.spec.name());
        aclLog.add(AclLog.Reason.CHANNEL, denied, user.name, client);
        return Errors.NOPERM_CHANNEL;
    }

    /** The first channel argument the user may not use, or null. */
    static String deniedChannel(Grant grant, RouteIndex.Channels channels, List<String> args) {
        if (channels == RouteIndex.Channels.NONE) return null;
        boolean patterns = channels == RouteIndex.Channels.PATTERNS;
        int last = channels == RouteIndex.Channels.FIRST ? Math.min(2, args.size()) : args.size();
        for (int i = 1; i < last; i++) {
            if (!grant.mayUseChannel(args.get(i), patterns)) return args.get(i);
        }
        return null;
    }

    private static String subscribedRefusal(ClientConnection client, Route route) {
        if (!route.allowedSubscribed && client.protocol() == 2 && client.subscriptionCount() > 0) {
            return Errors.notAllowedSubscribed(route.spec.name());
        }
        return null;
    }
}
