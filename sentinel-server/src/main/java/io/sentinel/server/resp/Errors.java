package io.sentinel.server.resp;

import io.sentinel.core.reply.Resp;
import java.util.List;
import java.util.Locale;

/** Redis 7.0's error texts for the RESP server, as redis-sentinel sends them (checked against the real one). */
final class Errors {
    static final String ONLY_HELLO = "ERR Only HELLO messages are accepted by Sentinel instances.";
    static final String NOAUTH = "NOAUTH Authentication required.";
    static final String NOAUTH_HELLO = "NOAUTH HELLO must be called with the client already authenticated, otherwise"
            + " the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP"
            + " protocol version at the same time";
    static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    static final String AUTH_NO_PASSWORD = "ERR AUTH <password> called without any password configured for the"
            + " default user. Are you sure your configuration is correct?";
    static final String SYNTAX = "ERR syntax error";
    static final String NOPROTO = "NOPROTO unsupported protocol version";
    static final String PROTOVER_NOT_INT = "ERR Protocol version is not an integer or out of range";
    static final String BAD_CLIENT_NAME = "ERR Client names cannot contain spaces, newlines or special characters.";
    static final String NO_SUCH_CLIENT = "ERR No such client";
    static final String CLIENT_ID_POSITIVE = "ERR client-id should be greater than 0";
    static final String INVALID_CLIENT_ID = "ERR Invalid client ID";
    static final String NO_KEY_ARGS = "ERR The command has no key arguments";
    static final String INVALID_COMMAND = "ERR Invalid command specified";
    static final String CACHING_NEEDS_TRACKING = "ERR CLIENT CACHING can be called only when the client is in"
            + " tracking mode with OPTIN or OPTOUT mode enabled";

    static final String PROTO_INLINE_TOO_BIG = "ERR Protocol error: too big inline request";
    static final String PROTO_MBULK_COUNT_TOO_BIG = "ERR Protocol error: too big mbulk count string";
    static final String PROTO_BULK_COUNT_TOO_BIG = "ERR Protocol error: too big bulk count string";
    static final String PROTO_MBULK_LENGTH = "ERR Protocol error: invalid multibulk length";
    static final String PROTO_UNAUTH_MBULK_LENGTH = "ERR Protocol error: unauthenticated multibulk length";
    static final String PROTO_BULK_LENGTH = "ERR Protocol error: invalid bulk length";
    static final String PROTO_UNAUTH_BULK_LENGTH = "ERR Protocol error: unauthenticated bulk length";
    static final String PROTO_UNBALANCED_QUOTES = "ERR Protocol error: unbalanced quotes in request";

    static final String NOPERM_CHANNEL = "NOPERM this user has no permissions to access one of the channels used as"
            + " arguments";
    static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    static final String DEFAULT_USER_UNDELETABLE = "ERR The 'default' user cannot be removed";
    static final String USERNAME_SPACES = "ERR Usernames can't contain spaces or null characters";
    static final String GENPASS_BITS = "ERR ACL GENPASS argument must be the number of bits for the output password,"
            + " a positive number up to 4096";

    static final String NO_ACL_FILE = "ERR This Redis instance is not configured to use an ACL file. You may want to"
            + " specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis"
            + " configuration file set) in order to store users in the Redis configuration.";

    private static final int ARGS_PREVIEW_CHARS = 128;

    private Errors() {
    }

    static Resp reply(String message) {
        return Resp.error(message);
    }

    static String expectedDollar(char got) {
        return "ERR Protocol error: expected '$', got '" + got + "'";
    }

    static String wrongArity(String fullName) {
        return "ERR wrong number of arguments for '" + fullName + "' command";
    }

    static String unknownSubcommand(String sub, String container) {
        return "ERR unknown subcommand '" + clip(sub) + "'. Try " + container.toUpperCase(Locale.ROOT) + " HELP.";
    }

    static String unknownCommand(List<String> args) {
        StringBuilder preview = new StringBuilder();
        // Redis quotes arguments until the preview reaches 128 chars, clipping the last one to fit.
        for (int i = 1; i < args.size() && preview.length() < ARGS_PREVIEW_CHARS; i++) {
            String a = args.get(i);
            int room = ARGS_PREVIEW_CHARS - preview.length();
            preview.append('\'').append(a, 0, Math.min(a.length(), room)).append("' ");
        }
        return sanitize("ERR unknown command '" + clip(args.get(0)) + "', with args beginning with: " + preview);
    }

    static String notAllowedSubscribed(String fullName) {
        return "ERR Can't execute '" + fullName + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET"
                + " are allowed in this context";
    }

    static String aclSyntax(String sub) {
        return "ERR unknown subcommand or wrong number of arguments for '" + sub + "'. Try ACL HELP.";
    }

    static String noPermCommand(String fullName) {
        return "NOPERM this user has no permissions to run the '" + fullName + "' command";
    }

    static String unknownClientType(String type) {
        return "ERR Unknown client type '" + type + "'";
    }

    static String noSuchUser(String user) {
        return "ERR No such user '" + user + "'";
    }

    static String unknownCategory(String category) {
        return "ERR Unknown category '" + category + "'";
    }

    static String helloOption(String option) {
        return "ERR Syntax error in HELLO option '" + option + "'";
    }

    static String notSupported(String fullName) {
        return "ERR '" + fullName + "' is not supported by this sentinel";
    }

    /** An error reply is one line: Redis turns CR and LF inside it into spaces. */
    static String sanitize(String message) {
        return message.indexOf('\r') < 0 && message.indexOf('\n') < 0
                ? message : message.replace('\r', ' ').replace('\n', ' ');
    }

    private static String clip(String s) {
        return s.length() <= ARGS_PREVIEW_CHARS ? s : s.substring(0, ARGS_PREVIEW_CHARS);
    }
}
