package io.sentinel.server.resp;

import io.sentinel.server.command.Errors;
import io.sentinel.server.reply.Resp;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACL as redis-sentinel 7.0 answers it: WHOAMI, USERS, LIST, GETUSER, CAT, SETUSER, DELUSER, GENPASS, DRYRUN, LOG,
 * HELP, and LOAD and SAVE with an {@code aclfile} (Redis's error without one). Runtime changes are persisted through
 * {@link Users#onChange} unless there is an aclfile (then only ACL SAVE writes them, as in Redis); deleting a user,
 * or ACL LOAD, closes the users' connections, as Redis does.
 */
final class AclCommands {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = LoggerFactory.getLogger(AclCommands.class);

    private final Users users;
    private final CommandTable table;
    private final HelpTexts help;
    private final ClientRegistry registry;
    private final AclLog log;

    AclCommands(Users users, CommandTable table, HelpTexts help, ClientRegistry registry, AclLog log) {
        this.users = users;
        this.table = table;
        this.help = help;
        this.registry = registry;
        this.log = log;
    }

    void register(CommandDispatcher d) {
        d.define("acl|whoami", (c, a) -> c.reply(Resp.bulk(c.user())));
        d.define("acl|users", (c, a) -> c.reply(Resp.bulks(users.names())));
        d.define("acl|list", (c, a) -> c.reply(Resp.bulks(users.lines())));
        d.define("acl|getuser", this::getUser);
        d.define("acl|cat", this::cat);
        d.define("acl|help", (c, a) -> c.reply(help.reply("acl")));
        d.define("acl|setuser", this::setUser);
        d.define("acl|deluser", this::delUser);
        d.define("acl|genpass", this::genPass);
        d.define("acl|dryrun", new AclDryRun(users, table)::run);
        d.define("acl|log", this::log);
        d.define("acl|load", this::load);
        d.define("acl|save", this::save);
    }

    /** ACL LOAD: all of the file or nothing; then every connection of a user other than default is closed. */
    private void load(ClientConnection c, List<String> args) {
        AclFile file = users.aclFile();
        if (file == null) {
            c.reply(Errors.reply(Errors.NO_ACL_FILE));
            return;
        }
        AclFile.Parsed parsed = file.load(users.rules());
        if (parsed.errors() != null) {
            c.reply(Errors.reply("ERR " + parsed.errors()));
            return;
        }
        List<AclUser> retired = users.replaceAll(parsed.users());
        c.reply(Resp.OK);
        closeConnections(c, retired);
    }

    private void save(ClientConnection c, List<String> args) {
        AclFile file = users.aclFile();
        if (file == null) {
            c.reply(Errors.reply(Errors.NO_ACL_FILE));
            return;
        }
        try {
            file.save(users.lines());
            c.reply(Resp.OK);
        } catch (IOException e) {
            LOG.warn("Saving ACL file {} for ACL SAVE: {}", file.path(), AclFile.strerror(e));
            c.reply(Errors.reply(Errors.ACL_SAVE_FAILED));
        }
    }

    private void getUser(ClientConnection c, List<String> args) {
        AclUser u = users.snapshot(args.get(2));
        if (u == null) {
            c.reply(Resp.NULL);
            return;
        }
        List<Resp> flags = new ArrayList<>();
        for (String f : AclDescriber.flags(u)) flags.add(Resp.bulk(f));
        c.reply(new Resp.MapReply(List.of(
                Resp.bulk("flags"), new Resp.SetReply(flags),
                Resp.bulk("passwords"), Resp.bulks(u.passwordHashes),
                Resp.bulk("commands"), Resp.bulk(users.describer().commandRules(u)),
                Resp.bulk("keys"), Resp.bulk(AclDescriber.keys(u)),
                Resp.bulk("channels"), Resp.bulk(AclDescriber.channels(u)),
                Resp.bulk("selectors"), Resp.array(List.of()))));
    }

    /** Categories in Redis's order; a category's commands in the command dictionary's order. */
    private void cat(ClientConnection c, List<String> args) {
        if (args.size() == 2) {
            c.reply(Resp.bulks(AclCommandSet.CATEGORIES));
            return;
        }
        if (args.size() > 3) {
            c.reply(Errors.reply(Errors.aclSyntax(args.get(1))));
            return;
        }
        int category = AclCommandSet.category(args.get(2));
        if (category < 0) {
            c.reply(Errors.reply(Errors.unknownCategory(args.get(2))));
            return;
        }
        AclCommandSet set = users.commands();
        List<String> names = new ArrayList<>();
        for (int id : set.dictOrder()) {
            if (set.inCategory(id, category)) names.add(set.name(id));
        }
        c.reply(Resp.bulks(names));
    }

    private void setUser(ClientConnection c, List<String> args) {
        String name = args.get(2);
        if (name.chars().anyMatch(ch -> ch == 0 || Character.isWhitespace(ch))) {
            c.reply(Errors.reply(Errors.USERNAME_SPACES));
            return;
        }
        try {
            users.setUser(name, List.copyOf(args.subList(3, args.size())));
            c.reply(Resp.OK);
        } catch (AclRules.Invalid e) {
            c.reply(Errors.reply("ERR " + e.getMessage()));
        }
    }

    /** Closes the deleted users' connections; the caller's own after this reply. */
    private void delUser(ClientConnection c, List<String> args) {
        List<String> names = args.subList(2, args.size());
        for (String n : names) {
            if (n.equals(Users.DEFAULT)) {
                c.reply(Errors.reply(Errors.DEFAULT_USER_UNDELETABLE));
                return;
            }
        }
        List<AclUser> removed = users.delete(List.copyOf(names));
        c.reply(Resp.integer(removed.size()));
        closeConnections(c, removed);
    }

    /** Closes the connections of {@code removed} users; the caller's own after its reply. */
    private void closeConnections(ClientConnection c, List<AclUser> removed) {
        for (ClientConnection other : registry.all()) {
            if (!removed.contains(other.aclUser())) continue;
            if (other == c) other.output().closeAfterReplies();
            else other.channel().close();
        }
    }

    private void genPass(ClientConnection c, List<String> args) {
        long bits = 256;
        if (args.size() > 3) {
            c.reply(Errors.reply(Errors.aclSyntax(args.get(1))));
            return;
        }
        if (args.size() == 3) {
            Long parsed = ConnectionCommands.parseLong(args.get(2));
            if (parsed == null) {
                c.reply(Errors.reply(Errors.NOT_INTEGER));
                return;
            }
            bits = parsed;
        }
        if (bits <= 0 || bits > 4096) {
            c.reply(Errors.reply(Errors.GENPASS_BITS));
            return;
        }
        int chars = (int) ((bits + 3) / 4);
        byte[] random = new byte[(chars + 1) / 2];
        RANDOM.nextBytes(random);
        c.reply(Resp.bulk(HexFormat.of().formatHex(random).substring(0, chars)));
    }

    /** ACL LOG [count | RESET]: newest first, 10 by default. */
    private void log(ClientConnection c, List<String> args) {
        if (args.size() > 3) {
            c.reply(Errors.reply(Errors.aclSyntax(args.get(1))));
            return;
        }
        long count = 10;
        if (args.size() == 3) {
            if (args.get(2).toLowerCase(Locale.ROOT).equals("reset")) {
                log.reset();
                c.reply(Resp.OK);
                return;
            }
            Long parsed = ConnectionCommands.parseLong(args.get(2));
            if (parsed == null) {
                c.reply(Errors.reply(Errors.NOT_INTEGER));
                return;
            }
            count = Math.max(0, parsed); // redis-sentinel 7.0 lists nothing for a negative count
        }
        c.reply(log.reply(count));
    }
}
