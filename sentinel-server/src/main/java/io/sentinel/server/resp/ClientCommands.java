package io.sentinel.server.resp;

import io.sentinel.server.command.Errors;
import io.sentinel.server.reply.Resp;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CLIENT and its subcommands, as redis-sentinel 7.0 has them (no SETINFO or NO-TOUCH: they came with 7.2). PAUSE and
 * UNPAUSE are {@link ClientPause}'s, TRACKING and its companions {@link TrackingCommands}'.
 */
final class ClientCommands {
    private final ClientRegistry registry;
    private final Users users;
    private final HelpTexts help;

    ClientCommands(ClientRegistry registry, Users users, HelpTexts help) {
        this.registry = registry;
        this.users = users;
        this.help = help;
    }

    void register(CommandDispatcher d) {
        d.define("client|id", (c, a) -> c.reply(Resp.integer(c.id())));
        d.define("client|getname", (c, a) -> c.reply(Resp.bulk(c.name())));
        d.define("client|setname", this::setName);
        // verbatim text under RESP3 (addReplyVerbatim "txt"), a bulk string under RESP2
        d.define("client|info", (c, a) -> c.reply(new Resp.Verbatim("txt", describe(c) + "\n")));
        d.define("client|list", this::list);
        d.define("client|kill", new ClientKill(registry, users)::run);
        d.define("client|help", (c, a) -> c.reply(help.reply("client")));
        d.define("client|reply", this::replyMode);
        d.define("client|no-evict", this::noEvict);
        d.define("client|unblock", ClientCommands::unblock);
        new TrackingCommands(registry).register(d);
    }

    /** Redis accepts names of printable ASCII without spaces ('!' to '~'); empty clears the name. */
    static boolean validName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < '!' || ch > '~') return false;
        }
        return true;
    }

    private void noEvict(ClientConnection c, List<String> args) {
        String arg = args.get(2);
        if (!arg.equalsIgnoreCase("on") && !arg.equalsIgnoreCase("off")) {
            c.reply(Errors.reply(Errors.SYNTAX));
            return;
        }
        c.noEvict(arg.equalsIgnoreCase("on"));
        c.reply(Resp.OK);
    }

    /**
     * CLIENT UNBLOCK id [TIMEOUT|ERROR]: the reason is checked before the id, as clientCommand does. No sentinel
     * command blocks, so it unblocks nothing: 0. A client held by CLIENT PAUSE is not unblocked either (redis-sentinel
     * 7.0.15 crashes there: "Unknown btype in replyToBlockedClientTimedOut()").
     */
    private static void unblock(ClientConnection c, List<String> args) {
        if (args.size() > 4) {
            c.reply(Errors.reply(Errors.subcommandSyntax(args.get(1), "client")));
        } else if (args.size() == 4 && !args.get(3).equalsIgnoreCase("timeout")
                && !args.get(3).equalsIgnoreCase("error")) {
            c.reply(Errors.reply(Errors.UNBLOCK_REASON));
        } else if (ConnectionCommands.parseLong(args.get(2)) == null) {
            c.reply(Errors.reply(Errors.NOT_INTEGER));
        } else {
            c.reply(Resp.integer(0));
        }
    }

    private void setName(ClientConnection c, List<String> args) {
        if (!validName(args.get(2))) {
            c.reply(Errors.reply(Errors.BAD_CLIENT_NAME));
            return;
        }
        c.name(args.get(2));
        c.reply(Resp.OK);
    }

    private void replyMode(ClientConnection c, List<String> args) {
        String mode = args.get(2).toLowerCase(Locale.ROOT);
        if (!mode.equals("on") && !mode.equals("off") && !mode.equals("skip")) {
            c.reply(Errors.reply(Errors.SYNTAX));
            return;
        }
        c.replyMode(mode);
        c.reply(Resp.OK);
    }

    /** CLIENT LIST [TYPE normal|master|replica|slave|pubsub] [ID id ...]. */
    private void list(ClientConnection c, List<String> args) {
        String type = null;
        Set<Long> ids = null;
        if (args.size() == 4 && args.get(2).equalsIgnoreCase("type")) {
            type = args.get(3).toLowerCase(Locale.ROOT);
            if (!ClientKill.TYPES.contains(type)) {
                c.reply(Errors.reply(Errors.unknownClientType(args.get(3))));
                return;
            }
        } else if (args.size() >= 4 && args.get(2).equalsIgnoreCase("id")) {
            ids = new HashSet<>();
            for (String s : args.subList(3, args.size())) {
                Long id = ConnectionCommands.parseLong(s);
                if (id == null || id <= 0) { c.reply(Errors.reply(Errors.INVALID_CLIENT_ID)); return; }
                ids.add(id);
            }
        } else if (args.size() != 2) {
            c.reply(Errors.reply(Errors.SYNTAX));
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (ClientConnection other : registry.all()) {
            if (type != null && !ClientKill.isType(other, type)) continue;
            if (ids != null && !ids.contains(other.id())) continue;
            sb.append(describe(other)).append('\n');
        }
        c.reply(new Resp.Verbatim("txt", sb.toString()));
    }

    /** One CLIENT LIST line in Redis 7.0's field order; buffer fields are ours (Netty's) or 0. */
    static String describe(ClientConnection c) {
        String name = c.name();
        long omem = c.outputBacklog();
        return "id=" + c.id() + " addr=" + c.addr() + " laddr=" + c.laddr() + " fd=" + c.fd()
                + " name=" + (name == null ? "" : name)
                + " age=" + c.ageMillis() / 1000 + " idle=" + c.idleMillis() / 1000
                + " flags=" + flags(c) + " db=0"
                + " sub=" + c.channelCount() + " psub=" + c.patternCount() + " ssub=0 multi=-1"
                + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0"
                + " obl=0 oll=0 omem=" + omem + " tot-mem=" + omem
                + " events=r" + (omem > 0 ? "w" : "") + " cmd=" + c.lastCommand() + " user=" + c.user()
                + " redir=" + (c.tracking().on() ? c.tracking().redirect() : -1) + " resp=" + c.protocol();
    }

    /** The flags a sentinel's client can have, in catClientInfoString's order; N for none. */
    private static String flags(ClientConnection c) {
        StringBuilder f = new StringBuilder(4);
        if (c.subscriptionCount() > 0) f.append('P');
        if (c.blocked()) f.append('b');
        if (c.tracking().on()) f.append('t');
        if (c.tracking().bcast()) f.append('B');
        if (c.unixSocket()) f.append('U');
        if (c.noEvict()) f.append('e');
        return f.length() == 0 ? "N" : f.toString();
    }
}
