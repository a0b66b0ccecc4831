package io.sentinel.server.resp;

import io.sentinel.server.command.Errors;
import io.sentinel.server.reply.Resp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CLIENT KILL in both forms: {@code CLIENT KILL ip:port} (replies OK or "No such client", may kill the caller) and
 * {@code CLIENT KILL [ID id] [TYPE t] [ADDR a] [LADDR a] [USER u] [SKIPME yes|no]} (replies the count; skips the
 * caller unless SKIPME no). A killed caller still gets its reply before the connection closes.
 */
final class ClientKill {
    static final Set<String> TYPES = Set.of("normal", "master", "replica", "slave", "pubsub");

    private final ClientRegistry registry;
    private final Users users;

    private static final class Filter {
        long id;
        String type;
        String addr;
        String laddr;
        String user;
        boolean skipMe = true;
    }

    ClientKill(ClientRegistry registry, Users users) {
        this.registry = registry;
        this.users = users;
    }

    static boolean isType(ClientConnection c, String type) {
        if (type.equals("pubsub")) return c.subscriptionCount() > 0;
        if (type.equals("normal")) return c.subscriptionCount() == 0;
        return false; // no replica or master connects to a sentinel as such
    }

    void run(ClientConnection c, List<String> args) {
        if (args.size() == 3) {
            Filter f = new Filter();
            f.addr = args.get(2);
            f.skipMe = false;
            int killed = kill(c, f);
            c.reply(killed > 0 ? Resp.OK : Errors.reply(Errors.NO_SUCH_CLIENT));
            return;
        }
        Filter f = parse(c, args);
        if (f != null) c.reply(Resp.integer(kill(c, f)));
    }

    /** Replies the error and returns null when the filter is malformed. */
    private Filter parse(ClientConnection c, List<String> args) {
        if (args.size() % 2 != 0) { c.reply(Errors.reply(Errors.SYNTAX)); return null; }
        Filter f = new Filter();
        for (int i = 2; i < args.size(); i += 2) {
            String opt = args.get(i).toLowerCase(Locale.ROOT);
            String val = args.get(i + 1);
            String error = apply(f, opt, val);
            if (error != null) { c.reply(Errors.reply(error)); return null; }
        }
        return f;
    }

    private String apply(Filter f, String opt, String val) {
        switch (opt) {
            case "id":
                Long id = ConnectionCommands.parseLong(val);
                if (id == null || id <= 0) return Errors.CLIENT_ID_POSITIVE;
                f.id = id;
                return null;
            case "type":
                f.type = val.toLowerCase(Locale.ROOT);
                return TYPES.contains(f.type) ? null : Errors.unknownClientType(val);
            case "addr": f.addr = val; return null;
            case "laddr": f.laddr = val; return null;
            case "user":
                f.user = val;
                return users.exists(val) ? null : Errors.noSuchUser(val);
            case "skipme":
                if (val.equalsIgnoreCase("yes")) f.skipMe = true;
                else if (val.equalsIgnoreCase("no")) f.skipMe = false;
                else return Errors.SYNTAX;
                return null;
            default:
                return Errors.SYNTAX;
        }
    }

    private int kill(ClientConnection self, Filter f) {
        List<ClientConnection> victims = new ArrayList<>();
        for (ClientConnection o : registry.all()) {
            if (f.id != 0 && o.id() != f.id) continue;
            if (f.type != null && !isType(o, f.type)) continue;
            if (f.addr != null && !o.addr().equals(f.addr)) continue;
            if (f.laddr != null && !o.laddr().equals(f.laddr)) continue;
            if (f.user != null && !o.user().equals(f.user)) continue;
            if (f.skipMe && o == self) continue;
            victims.add(o);
        }
        for (ClientConnection v : victims) {
            if (v == self) v.output().closeAfterReplies();
            else v.channel().close();
        }
        return victims.size();
    }
}
