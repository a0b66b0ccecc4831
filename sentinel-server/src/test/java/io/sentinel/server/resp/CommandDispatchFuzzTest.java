package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sentinel.core.Sentinel;
import io.sentinel.core.action.Action;
import io.sentinel.core.action.PersistState;
import io.sentinel.core.action.Reply;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.input.Input;
import io.sentinel.core.input.Started;
import io.sentinel.core.view.SentinelView;
import io.sentinel.server.command.SentinelCommands;
import io.sentinel.server.command.ServerInfo;
import io.sentinel.server.config.ConfFileParser;
import io.sentinel.server.config.ConfRewriter;
import io.sentinel.server.config.ConfigException;
import io.sentinel.server.fuzz.FuzzRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the command layer: argument vectors through the real pipeline (decoder, {@link CommandDispatcher}, the
 * connection, client, ACL and pub/sub commands, {@link SentinelCommands}) and a real core behind it, answered
 * synchronously, a fresh server and core per input so that a finding replays. Input: byte 0 bit 0 = the client
 * authenticates first, bit 1 = it speaks RESP3; then one command per line, arguments split at spaces (any bytes).
 * Properties: no exception escapes into the pipeline or out of the core (the daemon exits on one); an
 * unauthenticated client never reaches the core; every state the core asks to persist is written as
 * sentinel.conf and reads back to the same file, so a sentinel can always start again from what it wrote.
 * Seeds: {@code CommandDispatchFuzzTestInputs/}.
 */
class CommandDispatchFuzzTest {
    private static final FuzzRun RUN = new FuzzRun("command-dispatch", 256 << 20, 4096);
    private static final String PASSWORD = "fuzz-secret-8d1f";
    private static final int MAX_COMMANDS = 16;
    private static final int MAX_ARGS = 32;
    private static final Path DIR;
    private static final String BASE_CONF;
    /** Immutable: each input's core starts from it without reading the file again. */
    private static final SentinelConfig BASE;

    static {
        try {
            DIR = Files.createTempDirectory("command-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BASE_CONF = "port 26379\ndir \"" + DIR + "\"\nrequirepass " + PASSWORD + "\n"
                + "sentinel monitor mymaster 127.0.0.1 6379 2\n"
                + "sentinel known-replica mymaster 127.0.0.1 6380\n"
                + "sentinel known-sentinel mymaster 127.0.0.1 26380 f62a780e27f77d44f033eba70d09c1633a3c42f9\n"
                + "sentinel myid ef7296f804942de4d89aa1859922cc277d929bf0\n";
        try {
            BASE = parse(BASE_CONF);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One input's world: a core, the sentinel commands in front of it, a RESP server, one client. */
    private static final class World {
        final Sentinel core;
        final long now = 1_000_000;
        volatile SentinelView view;
        SentinelConfig config;
        boolean clientAuthenticated;
        long requests;

        World() {
            config = BASE;
            core = new Sentinel(config, Timing.DEFAULTS, new SplittableRandom(1), now);
            core.handle(new Started(), now);
            view = core.view(now);
        }

        CompletionStage<Outcome> toCore(LongFunction<Input> request) {
            long id = ++requests;
            Input input = request.apply(id);
            if (!clientAuthenticated) throw new AssertionError("an unauthenticated client reached the core: " + input);
            List<Action> actions = core.handle(input, now);
            view = core.view(now);
            Outcome reply = null;
            for (Action a : actions) {
                if (a instanceof PersistState p) persists(p.config());
                if (a instanceof Reply r && r.requestId() == id) reply = r.outcome();
            }
            return reply == null ? new CompletableFuture<>() : CompletableFuture.completedFuture(reply);
        }

        /** What the daemon would write (a sentinel.conf rewrite) reads back, and rewrites to the same text. */
        void persists(SentinelConfig next) {
            String written = ConfRewriter.rewrite(BASE_CONF, next);
            try {
                assertEquals(written, ConfRewriter.rewrite(written, parse(written)), "rewrite of what was read");
            } catch (ConfigException e) {
                throw new AssertionError("the state written for " + next + " does not read back:\n" + written, e);
            }
            config = next;
        }
    }

    private static SentinelConfig parse(String text) throws ConfigException {
        Path file = DIR.resolve("sentinel.conf");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConfFileParser(DIR).parse(file, List.of()).config();
    }

    /** Sits between the decoder and the command handler, which would log an exception and close the connection. */
    private static final class Escapes extends ChannelInboundHandlerAdapter {
        Throwable caught;

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (caught == null) caught = cause;
            ctx.fireExceptionCaught(cause);
        }
    }

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"SENTINEL", "SET", "MONITOR", "REMOVE", "RESET", "CONFIG", "GET", "IS-MASTER-DOWN-BY-ADDR",
            "FAILOVER", "CKQUORUM", "FLUSHCONFIG", "MASTERS", "MASTER", "REPLICAS", "SENTINELS", "DEBUG", "INFO-CACHE",
            "SIMULATE-FAILURE", "GET-MASTER-ADDR-BY-NAME", "PENDING-SCRIPTS", "MYID", "HELP", "mymaster", "quorum",
            "down-after-milliseconds", "failover-timeout", "parallel-syncs", "auth-pass", "auth-user",
            "notification-script", "client-reconfig-script", "rename-command", "master-reboot-down-after-period",
            "announce-ip", "announce-port", "resolve-hostnames", "announce-hostnames", "sentinel-user",
            "sentinel-pass", "loglevel", "AUTH", "HELLO", "CLIENT", "SETNAME", "KILL", "LIST", "ACL", "SETUSER",
            "DELUSER", "WHOAMI", "SUBSCRIBE", "PSUBSCRIBE", "UNSUBSCRIBE", "PUBLISH", "PING", "INFO", "ROLE",
            "COMMAND", "DOCS", "COUNT", "RESET", "SHUTDOWN", "127.0.0.1", "6379", "*", "-1", "0", "1",
            "9223372036854775807", "on", "off", "nopass", "allcommands", "+@all", "~*", "&*", "yes", "no"})
    void dispatch(byte[] input) throws Exception {
        if (input.length < 1) return;
        RUN.run(input.length, () -> run(input));
    }

    private static void run(byte[] input) throws Exception {
        boolean authenticate = (input[0] & 1) != 0;
        World world = new World();
        SentinelCommands commands = new SentinelCommands(() -> world.view, () -> world.config, world::toCore,
                () -> world.now, ServerInfo.current("fuzz", DIR.resolve("sentinel.conf").toString()));
        RespServer server = new RespServer(RespServerConfig.loopback(0).withRequirePass(PASSWORD), commands,
                hello -> { }, () -> { });
        EmbeddedClient client = new EmbeddedClient(server);
        Escapes escapes = new Escapes();
        client.channel.pipeline().addAfter("resp-decoder", "fuzz-escapes", escapes);
        if (authenticate) {
            client.channel.writeInbound(Unpooled.wrappedBuffer(resp(List.of(bytes("AUTH"), bytes(PASSWORD)))));
            world.clientAuthenticated = true;
        }
        if ((input[0] & 2) != 0) client.channel.writeInbound(Unpooled.wrappedBuffer(resp(List.of(bytes("HELLO"), bytes("3")))));
        for (List<byte[]> command : commands(input, authenticate)) {
            if (!client.open()) break;
            client.channel.writeInbound(Unpooled.wrappedBuffer(resp(command)));
            client.output();
        }
        client.close();
        if (escapes.caught != null) throw new AssertionError("an exception reached the pipeline", escapes.caught);
        client.channel.checkException();
    }

    /** Lines of words; without authentication the password never appears, so the client stays unauthenticated. */
    private static List<List<byte[]>> commands(byte[] input, boolean authenticate) {
        String text = new String(input, 1, input.length - 1, StandardCharsets.ISO_8859_1);
        if (!authenticate) text = text.replace(PASSWORD, "x");
        List<List<byte[]>> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (out.size() == MAX_COMMANDS) break;
            List<byte[]> args = new ArrayList<>();
            for (String w : line.split(" ", MAX_ARGS + 1)) {
                if (args.size() < MAX_ARGS) args.add(w.getBytes(StandardCharsets.ISO_8859_1));
            }
            if (!line.isEmpty()) out.add(args);
        }
        return out;
    }

    private static byte[] resp(List<byte[]> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(a);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void report() {
        RUN.report();
    }
}
