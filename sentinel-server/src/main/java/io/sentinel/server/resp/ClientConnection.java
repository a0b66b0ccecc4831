package io.sentinel.server.resp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.unix.UnixChannel;
import io.sentinel.server.reply.Resp;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One client: its identity, protocol, user and subscriptions. Mutated only on its channel's event loop; the
 * fields CLIENT LIST and the publisher read from other threads are volatile or atomic.
 */
final class ClientConnection {
    private final long id;
    private final Channel channel;
    private final String addr;
    private final String laddr;
    /** Came through the {@code unixsocket} (CLIENT LIST's flag {@code U}). */
    private final boolean unixSocket;
    private final LongSupplier clock;
    private final long createdAtMillis;
    private final ReplyQueue out;
    private final Set<String> channels = new LinkedHashSet<>();
    private final Set<String> patterns = new LinkedHashSet<>();
    /** Pub/sub bytes handed to the event loop but not yet encoded, for the output limit. */
    private final AtomicLong queuedPubsubBytes = new AtomicLong();
    /** When its output went over the pubsub soft limit (0: it is not over it); publishers on any thread set it. */
    private volatile long softLimitSinceMillis;

    private volatile String name;
    private volatile AclUser user;
    private volatile boolean authenticated;
    private volatile int protocol = 2;
    private volatile String lastCommand = "NULL";
    private volatile long lastInteractionAtMillis;
    private volatile int channelCount;
    private volatile int patternCount;
    /** Written only on the event loop; volatile so INFO on another loop sees it. */
    private volatile long commandsProcessed;
    /** CLIENT TRACKING's state; replaced on the event loop, read by INFO and CLIENT LIST anywhere. */
    private volatile Tracking tracking = Tracking.OFF;
    /** A CLIENT PAUSE holds one of this client's requests (CLIENT LIST's {@code b}, INFO's blocked_clients). */
    private volatile boolean blocked;
    /** CLIENT NO-EVICT on: only shown ({@code e}); a sentinel evicts no client for memory. */
    private volatile boolean noEvict;
    private boolean replyOff;
    private boolean skipNextReply;
    private boolean muted;

    /**
     * @param clock      monotonic milliseconds, for CLIENT LIST's age and idle
     * @param unixSocket the {@code unixsocket} a Unix socket client came through: its addr and laddr are
     *                   {@code <unixsocket>:0}, as Redis's genClientAddrString writes them; null for TCP
     */
    ClientConnection(long id, Channel channel, AclUser defaultUser, boolean authenticated, LongSupplier clock,
            String unixSocket) {
        this.id = id;
        this.clock = clock;
        this.user = defaultUser;
        this.channel = channel;
        this.authenticated = authenticated;
        this.unixSocket = unixSocket != null;
        this.addr = unixSocket != null ? unixSocket + ":0" : format(channel.remoteAddress());
        this.laddr = unixSocket != null ? unixSocket + ":0" : format(channel.localAddress());
        this.createdAtMillis = clock.getAsLong();
        this.lastInteractionAtMillis = createdAtMillis;
        this.out = new ReplyQueue(channel);
    }

    static String format(SocketAddress address) {
        if (!(address instanceof InetSocketAddress)) return String.valueOf(address);
        InetSocketAddress a = (InetSocketAddress) address;
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) host = host.substring(0, zone);
        return host + ":" + a.getPort();
    }

    // --- replies (event loop only)

    void reply(Resp reply) {
        if (!muted) out.add(reply, protocol == 3);
    }

    void reply(EncodedReply reply) {
        if (!muted) out.add(reply, protocol == 3);
    }

    void replyLater(CompletionStage<Resp> stage) {
        if (!muted) out.addLater(stage, protocol == 3);
    }

    /** A pub/sub message; not a reply, so CLIENT REPLY SKIP does not eat it, OFF does. */
    void push(Resp message) {
        if (!replyOff) {
            out.add(message, protocol == 3);
            out.scheduleFlush();
        }
    }

    ReplyQueue output() {
        return out;
    }

    /** CLIENT REPLY: called before each command runs, so OFF and SKIP silence whole commands. */
    void beginCommand(String fullName) {
        muted = replyOff || skipNextReply;
        skipNextReply = false;
        lastCommand = fullName;
        commandsProcessed = commandsProcessed + 1;
    }

    /** A refused command still shows in CLIENT LIST's cmd= (Redis sets it at lookup), e.g. in ACL LOG entries. */
    void refusedCommand(String fullName) {
        lastCommand = fullName;
    }

    long commandsProcessed() {
        return commandsProcessed;
    }

    /** The client sent something: once per read, as Redis stamps lastinteraction (not once per command). */
    void touched() {
        lastInteractionAtMillis = clock.getAsLong();
    }

    void replyMode(String mode) {
        replyOff = mode.equals("off");
        if (mode.equals("skip")) skipNextReply = true;
        muted = !mode.equals("on");
    }

    // --- pub/sub output limit (any thread)

    AtomicLong queuedPubsubBytes() {
        return queuedPubsubBytes;
    }

    long softLimitSinceMillis() {
        return softLimitSinceMillis;
    }

    void softLimitSinceMillis(long millis) {
        softLimitSinceMillis = millis;
    }

    /** Bytes waiting to reach this client: queued messages plus Netty's unflushed and unwritten output. */
    long outputBacklog() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return queuedPubsubBytes.get() + (buffer == null ? 0 : buffer.totalPendingWriteBytes());
    }

    // --- subscriptions (event loop only, counts readable anywhere)

    Set<String> channels() {
        return channels;
    }

    Set<String> patterns() {
        return patterns;
    }

    void subscriptionsChanged() {
        channelCount = channels.size();
        patternCount = patterns.size();
    }

    int subscriptionCount() {
        return channelCount + patternCount;
    }

    int channelCount() {
        return channelCount;
    }

    int patternCount() {
        return patternCount;
    }

    // --- identity and state

    long id() {
        return id;
    }

    Channel channel() {
        return channel;
    }

    String addr() {
        return addr;
    }

    String laddr() {
        return laddr;
    }

    boolean unixSocket() {
        return unixSocket;
    }

    int fd() {
        return channel instanceof UnixChannel ? ((UnixChannel) channel).fd().intValue() : -1;
    }

    /** CLIENT LIST's age, in ms. */
    long ageMillis() {
        return clock.getAsLong() - createdAtMillis;
    }

    /** CLIENT LIST's idle: since the client last sent something, in ms. */
    long idleMillis() {
        return clock.getAsLong() - lastInteractionAtMillis;
    }

    String name() {
        return name;
    }

    void name(String newName) {
        name = newName == null || newName.isEmpty() ? null : newName;
    }

    /** The user's name, for CLIENT LIST and ACL WHOAMI. */
    String user() {
        return user.name;
    }

    /** The user this connection runs commands as (default until AUTH); its grant is read on every request. */
    AclUser aclUser() {
        return user;
    }

    boolean authenticated() {
        return authenticated;
    }

    void authenticate(AclUser newUser) {
        user = newUser;
        authenticated = true;
    }

    int protocol() {
        return protocol;
    }

    void protocol(int version) {
        protocol = version;
    }

    Tracking tracking() {
        return tracking;
    }

    void tracking(Tracking state) {
        tracking = state;
    }

    /** resetClient: CLIENT CACHING lasts until a command other than CLIENT has been looked up. */
    void commandLookedUp(boolean clientCommand) {
        Tracking t = tracking;
        if (t.caching() && !clientCommand) tracking = t.withCaching(false);
    }

    boolean blocked() {
        return blocked;
    }

    void blocked(boolean value) {
        blocked = value;
    }

    boolean noEvict() {
        return noEvict;
    }

    void noEvict(boolean value) {
        noEvict = value;
    }

    String lastCommand() {
        return lastCommand;
    }

    boolean replyOff() {
        return replyOff;
    }
}
