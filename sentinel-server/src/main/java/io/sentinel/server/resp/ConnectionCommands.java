package io.sentinel.server.resp;

import io.sentinel.server.command.Errors;
import io.sentinel.server.reply.Resp;
import java.util.List;
import java.util.Locale;

/** PING, HELLO, AUTH and SHUTDOWN: the connection's handshake and life. */
final class ConnectionCommands {
    /** The Redis version we speak for: clients pick features by it, so it is redis-sentinel's. */
    static final String REDIS_VERSION = "7.0.15";
    private static final EncodedReply PONG = EncodedReply.of(new Resp.Simple("PONG"));
    private static final Resp SUBSCRIBED_PONG = Resp.bulk("pong");

    private final Users users;
    private final Runnable shutdownHook;
    private final AclLog aclLog;

    ConnectionCommands(Users users, AclLog aclLog, Runnable shutdownHook) {
        this.users = users;
        this.aclLog = aclLog;
        this.shutdownHook = shutdownHook;
    }

    void register(CommandDispatcher d) {
        d.define("ping", this::ping);
        d.define("hello", this::hello);
        d.define("auth", this::auth);
        d.define("shutdown", this::shutdown);
    }

    /** A RESP2 subscriber gets ["pong", msg] so it can tell the reply from a message. */
    private void ping(ClientConnection c, List<String> args) {
        if (args.size() > 2) {
            c.reply(Errors.reply(Errors.wrongArity("ping")));
        } else if (c.protocol() == 2 && c.subscriptionCount() > 0) {
            c.reply(Resp.array(List.of(SUBSCRIBED_PONG, Resp.bulk(args.size() == 2 ? args.get(1) : ""))));
        } else if (args.size() == 2) {
            c.reply(Resp.bulk(args.get(1)));
        } else {
            c.reply(PONG);
        }
    }

    private void hello(ClientConnection c, List<String> args) {
        int version = c.protocol();
        if (args.size() >= 2) {
            Long v = parseLong(args.get(1));
            if (v == null) { c.reply(Errors.reply(Errors.PROTOVER_NOT_INT)); return; }
            if (v < 2 || v > 3) { c.reply(Errors.reply(Errors.NOPROTO)); return; }
            version = v.intValue();
        }
        String user = null;
        String pass = null;
        String name = null;
        for (int i = 2; i < args.size(); i++) {
            String opt = args.get(i);
            int more = args.size() - i - 1;
            if (opt.equalsIgnoreCase("auth") && more >= 2) {
                user = args.get(++i);
                pass = args.get(++i);
            } else if (opt.equalsIgnoreCase("setname") && more >= 1) {
                name = args.get(++i);
            } else {
                c.reply(Errors.reply(Errors.helloOption(opt)));
                return;
            }
        }
        if (user != null && !authenticate(c, user, pass)) return;
        if (!c.authenticated()) { c.reply(Errors.reply(Errors.NOAUTH_HELLO)); return; }
        if (name != null) {
            if (!ClientCommands.validName(name)) { c.reply(Errors.reply(Errors.BAD_CLIENT_NAME)); return; }
            c.name(name);
        }
        c.protocol(version);
        c.reply(new Resp.MapReply(List.of(
                Resp.bulk("server"), Resp.bulk("redis"),
                Resp.bulk("version"), Resp.bulk(REDIS_VERSION),
                Resp.bulk("proto"), Resp.integer(version),
                Resp.bulk("id"), Resp.integer(c.id()),
                Resp.bulk("mode"), Resp.bulk("sentinel"),
                Resp.bulk("modules"), Resp.array(List.of()))));
    }

    private void auth(ClientConnection c, List<String> args) {
        if (args.size() > 3) { c.reply(Errors.reply(Errors.SYNTAX)); return; }
        if (args.size() == 2 && users.defaultIsNopass()) { c.reply(Errors.reply(Errors.AUTH_NO_PASSWORD)); return; }
        String user = args.size() == 3 ? args.get(1) : Users.DEFAULT;
        if (authenticate(c, user, args.get(args.size() - 1))) c.reply(Resp.OK);
    }

    /** Replies WRONGPASS and returns false on failure. */
    private boolean authenticate(ClientConnection c, String user, String pass) {
        AclUser u = users.authenticate(user, pass);
        if (u == null) {
            aclLog.add(AclLog.Reason.AUTH, "AUTH", user, c);
            c.reply(Errors.reply(Errors.WRONGPASS));
            return false;
        }
        c.authenticate(u);
        return true;
    }

    /** SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: a sentinel has nothing to save, so all forms just stop. */
    private void shutdown(ClientConnection c, List<String> args) {
        boolean save = false;
        boolean nosave = false;
        boolean abort = false;
        for (String a : args.subList(1, args.size())) {
            switch (a.toLowerCase(Locale.ROOT)) {
                case "save": save = true; break;
                case "nosave": nosave = true; break;
                case "abort": abort = true; break;
                case "now": case "force": break;
                default: c.reply(Errors.reply(Errors.SYNTAX)); return;
            }
        }
        if ((save && nosave) || (abort && args.size() > 2)) { c.reply(Errors.reply(Errors.SYNTAX)); return; }
        if (abort) { c.reply(Errors.reply("ERR No shutdown in progress.")); return; }
        // off the event loop: the hook closes this server, which waits for its clients' connections to close
        Thread t = new Thread(shutdownHook, "sentinel-shutdown");
        t.setDaemon(false);
        t.start();
    }

    static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
