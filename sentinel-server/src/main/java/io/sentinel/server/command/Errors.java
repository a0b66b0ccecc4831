package io.sentinel.server.command;

import io.sentinel.server.reply.Resp;
import java.util.List;
import java.util.Locale;

/**
 * Every error reply the sentinel sends, worded exactly as redis-sentinel 7.0 words them (checked against the real
 * one): the server's (protocol, authentication, ACL, connection commands) and the SENTINEL subcommands'.
 */
public final class Errors {
    public static final Resp NO_SUCH_MASTER = Resp.error("ERR No such master with that name");
    static final Resp CONFIG_USAGE =
            Resp.error("ERR Only SENTINEL CONFIG GET <option> / SET <option> <value> are supported.");
    static final Resp INVALID_QUORUM = Resp.error("ERR Invalid quorum");
    static final Resp QUORUM_TOO_SMALL = Resp.error("ERR Quorum must be 1 or greater.");
    static final Resp INVALID_PORT = Resp.error("ERR Invalid port");
    static final Resp PORT_OUT_OF_RANGE = Resp.error("ERR Invalid port number.");
    static final Resp INVALID_HOST = Resp.error("ERR Invalid IP address or hostname specified");
    static final Resp DUPLICATE_MASTER = Resp.error("ERR Duplicate master name.");
    static final Resp NO_GOOD_REPLICA = Resp.error("NOGOODSLAVE No suitable replica to promote");
    static final Resp FAILOVER_IN_PROGRESS = Resp.error("INPROG Failover already in progress");
    /** Valkey 9's, for {@code FAILOVER <name> COORDINATED} of a master whose INFO has no master_failover_state. */
    static final Resp FAILOVER_NOT_SUPPORTED = Resp.error("NOGOODPRIMARY Primary does not support FAILOVER command");
    /** Valkey 9's, for {@code FAILOVER <name> <anything but COORDINATED>}. */
    static final Resp UNKNOWN_FAILOVER_OPTION = Resp.error("ERR Unknown failover option specified");
    static final Resp SCRIPTS_RECONFIG_DENIED = Resp.error("ERR Reconfiguration of scripts path is denied for "
            + "security reasons. Check the deny-scripts-reconfig configuration directive in your config file before "
            + "attempting to reconfigure the script path.");
    static final Resp UNKNOWN_FAILURE_SIMULATION = Resp.error("ERR Unknown failure simulation specified");
    /**
     * Valkey's text: the state write failed. The change holds in memory and is written as soon as the disk takes it
     * (the dispatcher retries before every batch); nothing that depends on it (a vote, a hello) has left.
     */
    static final Resp NOT_SAVED = Resp.error("ERR Failed to save config file. Check server logs.");
    static final Resp SHUTTING_DOWN = Resp.error("ERR sentinel is shutting down");
    /** Ours: a restarted sentinel that has not yet heard from its peers does not hand out a doubtful address. */
    static final Resp ADDRESS_NOT_CONFIRMED = Resp.error("NOTCONFIRMED This sentinel restarted and has not yet "
            + "confirmed the master address with its peers; ask another sentinel");
    static final Resp NOT_INTEGER_REPLY = Resp.error("ERR value is not an integer or out of range");

    public static final String ONLY_HELLO = "ERR Only HELLO messages are accepted by Sentinel instances.";
    public static final String NOAUTH = "NOAUTH Authentication required.";
    public static final String NOAUTH_HELLO = "NOAUTH HELLO must be called with the client already authenticated,"
            + " otherwise"
            + " the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP"
            + " protocol version at the same time";
    public static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    public static final String AUTH_NO_PASSWORD = "ERR AUTH <password> called without any password configured for the"
            + " default user. Are you sure your configuration is correct?";
    public static final String SYNTAX = "ERR syntax error";
    public static final String NOPROTO = "NOPROTO unsupported protocol version";
    public static final String PROTOVER_NOT_INT = "ERR Protocol version is not an integer or out of range";
    public static final String BAD_CLIENT_NAME = "ERR Client names cannot contain spaces, newlines or special"
            + " characters.";
    public static final String NO_SUCH_CLIENT = "ERR No such client";
    public static final String CLIENT_ID_POSITIVE = "ERR client-id should be greater than 0";
    public static final String INVALID_CLIENT_ID = "ERR Invalid client ID";
    public static final String NO_KEY_ARGS = "ERR The command has no key arguments";
    public static final String INVALID_COMMAND = "ERR Invalid command specified";
    public static final String CACHING_NEEDS_TRACKING = "ERR CLIENT CACHING can be called only when the client is in"
            + " tracking mode with OPTIN or OPTOUT mode enabled";
    public static final String CACHING_YES_NEEDS_OPTIN = "ERR CLIENT CACHING YES is only valid when tracking is enabled"
            + " in OPTIN mode.";
    public static final String CACHING_NO_NEEDS_OPTOUT = "ERR CLIENT CACHING NO is only valid when tracking is enabled"
            + " in OPTOUT mode.";
    public static final String TIMEOUT_NOT_INTEGER = "ERR timeout is not an integer or out of range";
    public static final String TIMEOUT_NEGATIVE = "ERR timeout is negative";
    public static final String PAUSE_MODE = "ERR CLIENT PAUSE mode must be WRITE or ALL";
    public static final String UNBLOCK_REASON = "ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR";
    public static final String REDIRECT_ONCE = "ERR A client can only redirect to a single other client";
    public static final String NO_REDIRECT_CLIENT = "ERR The client ID you want redirect to does not exist";
    public static final String PREFIX_NEEDS_BCAST = "ERR PREFIX option requires BCAST mode to be enabled";
    public static final String BCAST_SWITCH = "ERR You can't switch BCAST mode on/off before disabling tracking for"
            + " this client, and then re-enabling it with a different mode.";
    public static final String OPTIN_OPTOUT_WITH_BCAST = "ERR OPTIN and OPTOUT are not compatible with BCAST";
    public static final String OPTIN_AND_OPTOUT = "ERR You can't specify both OPTIN mode and OPTOUT mode";
    public static final String OPTIN_OPTOUT_SWITCH = "ERR You can't switch OPTIN/OPTOUT mode before disabling"
            + " tracking for this client, and then re-enabling it with a different mode.";

    public static final String PROTO_INLINE_TOO_BIG = "ERR Protocol error: too big inline request";
    public static final String PROTO_MBULK_COUNT_TOO_BIG = "ERR Protocol error: too big mbulk count string";
    public static final String PROTO_BULK_COUNT_TOO_BIG = "ERR Protocol error: too big bulk count string";
    public static final String PROTO_MBULK_LENGTH = "ERR Protocol error: invalid multibulk length";
    public static final String PROTO_UNAUTH_MBULK_LENGTH = "ERR Protocol error: unauthenticated multibulk length";
    public static final String PROTO_BULK_LENGTH = "ERR Protocol error: invalid bulk length";
    /** Ours: Redis has no cap on a whole request below client-query-buffer-limit (1 GB), closed without a reply. */
    public static final String PROTO_REQUEST_TOO_BIG = "ERR Protocol error: too big request";
    /** Ours: the input all clients hold unfinished is over its budget (resp/InputBudget); Redis would evict. */
    public static final String PROTO_CLIENTS_INPUT_OVER_BUDGET =
            "ERR Protocol error: clients' unfinished input over the budget, closing the client whose input grew";
    public static final String PROTO_UNAUTH_BULK_LENGTH = "ERR Protocol error: unauthenticated bulk length";
    public static final String PROTO_UNBALANCED_QUOTES = "ERR Protocol error: unbalanced quotes in request";

    public static final String NOPERM_CHANNEL = "NOPERM this user has no permissions to access one of the channels"
            + " used as"
            + " arguments";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String DEFAULT_USER_UNDELETABLE = "ERR The 'default' user cannot be removed";
    public static final String USERNAME_SPACES = "ERR Usernames can't contain spaces or null characters";
    public static final String GENPASS_BITS = "ERR ACL GENPASS argument must be the number of bits for the output"
            + " password,"
            + " a positive number up to 4096";

    public static final String ACL_SAVE_FAILED = "ERR There was an error trying to save the ACLs. Please check the"
            + " server logs for more information";
    public static final String NO_ACL_FILE = "ERR This Redis instance is not configured to use an ACL file. You may"
            + " want to"
            + " specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis"
            + " configuration file set) in order to store users in the Redis configuration.";

    private static final int ARGS_PREVIEW_CHARS = 128;


    public static Resp reply(String message) {
        return Resp.error(message);
    }

    public static String expectedDollar(char got) {
        return "ERR Protocol error: expected '$', got '" + got + "'";
    }

    public static String wrongArity(String fullName) {
        return "ERR wrong number of arguments for '" + fullName + "' command";
    }

    public static String unknownSubcommand(String sub, String container) {
        return "ERR unknown subcommand '" + clip(sub) + "'. Try " + container.toUpperCase(Locale.ROOT) + " HELP.";
    }

    public static String unknownCommand(List<String> args) {
        StringBuilder preview = new StringBuilder();
        // Redis quotes arguments until the preview reaches 128 chars, clipping the last one to fit.
        for (int i = 1; i < args.size() && preview.length() < ARGS_PREVIEW_CHARS; i++) {
            String a = args.get(i);
            int room = ARGS_PREVIEW_CHARS - preview.length();
            preview.append('\'').append(a, 0, Math.min(a.length(), room)).append("' ");
        }
        return sanitize("ERR unknown command '" + clip(args.get(0)) + "', with args beginning with: " + preview);
    }

    public static String notAllowedSubscribed(String fullName) {
        return "ERR Can't execute '" + fullName + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET"
                + " are allowed in this context";
    }

    public static String aclSyntax(String sub) {
        return subcommandSyntax(sub, "ACL");
    }

    /** addReplySubcommandSyntaxError: the subcommand as the client typed it, the container in upper case. */
    public static String subcommandSyntax(String sub, String container) {
        return sanitize("ERR unknown subcommand or wrong number of arguments for '" + clip(sub) + "'. Try "
                + container.toUpperCase(Locale.ROOT) + " HELP.");
    }

    public static String prefixOverlapsExisting(String prefix, String existing) {
        return sanitize("ERR Prefix '" + prefix + "' overlaps with an existing prefix '" + existing
                + "'. Prefixes for a single client must not overlap.");
    }

    public static String prefixOverlapsProvided(String prefix, String other) {
        return sanitize("ERR Prefix '" + prefix + "' overlaps with another provided prefix '" + other
                + "'. Prefixes for a single client must not overlap.");
    }

    public static String noPermCommand(String fullName) {
        return "NOPERM this user has no permissions to run the '" + fullName + "' command";
    }

    public static String unknownClientType(String type) {
        return "ERR Unknown client type '" + type + "'";
    }

    public static String noSuchUser(String user) {
        return "ERR No such user '" + user + "'";
    }

    public static String unknownCategory(String category) {
        return "ERR Unknown category '" + category + "'";
    }

    public static String helloOption(String option) {
        return "ERR Syntax error in HELLO option '" + option + "'";
    }

    public static String notSupported(String fullName) {
        return "ERR '" + fullName + "' is not supported by this sentinel";
    }

    /** An error reply is one line: Redis turns CR and LF inside it into spaces. */
    public static String sanitize(String message) {
        return message.indexOf('\r') < 0 && message.indexOf('\n') < 0
                ? message : message.replace('\r', ' ').replace('\n', ' ');
    }

    private static String clip(String s) {
        return s.length() <= ARGS_PREVIEW_CHARS ? s : s.substring(0, ARGS_PREVIEW_CHARS);
    }

    /** The command table's arity error, naming the container and subcommand in lower case ({@code sentinel|master}). */
    static Resp arity(String command, String subcommand) {
        String name = command.toLowerCase(Locale.ROOT);
        if (subcommand != null) name += "|" + subcommand.toLowerCase(Locale.ROOT);
        return Resp.error(wrongArity(sanitize(name)));
    }

    static Resp invalidSetValue(String value, String option) {
        return Resp.error("ERR Invalid argument '" + value + "' for SENTINEL SET '" + option + "'");
    }

    static Resp unknownSetOption(String option) {
        return Resp.error("ERR Unknown option or number of arguments for SENTINEL SET '" + option + "'");
    }

    static Resp unknownDebugOption(String option) {
        return Resp.error("ERR Unknown option or number of arguments for SENTINEL DEBUG '" + option + "'");
    }

    static Resp invalidDebugValue(String value, String option) {
        return Resp.error("ERR Invalid argument '" + value + "' for SENTINEL DEBUG '" + option + "'");
    }

    static Resp badConfigValue(String option, String value) {
        return Resp.error("ERR Invalid value '" + value + "' to SENTINEL CONFIG SET '" + option + "'");
    }

    /** Ours and current Redis's: control characters could write lines of their own into sentinel.conf. */
    static Resp controlCharacters(int index, String command) {
        return Resp.error("ERR Invalid argument at index " + index + " for " + command
                + ": control characters are not allowed");
    }

    static Resp duplicateConfigOption(String option) {
        return Resp.error("ERR Duplicate argument '" + option + "' to SENTINEL CONFIG SET");
    }

    static Resp missingConfigValue(String option) {
        return Resp.error("ERR Missing argument '" + option + "' value");
    }

    static Resp unknownConfigOption(String option) {
        return Resp.error("ERR Invalid argument '" + option + "' to SENTINEL CONFIG SET");
    }
}
