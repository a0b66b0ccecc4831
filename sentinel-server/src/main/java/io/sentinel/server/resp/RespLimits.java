package io.sentinel.server.resp;

/**
 * Caps on what one client may send or make us buffer. A sentinel gets few, small commands, so the request caps are
 * far below Redis's (1M args, 512 MB bulks); the unauthenticated caps are Redis's own (10 args, 16 KiB bulks).
 *
 * @param maxInlineBytes        longest inline command or {@code *}/{@code $} header line (Redis: 64 KiB)
 * @param maxArgs               most arguments in one multibulk request
 * @param maxBulkBytes          largest single argument
 * @param maxRequestBytes       most bytes of all arguments of one request together (1 MiB: a largest argument and
 *                              room for the rest). The two caps above alone let one client make us hold 4,096
 *                              arguments of 512 KiB (2 GiB) of a request it never ends: one client without a password
 *                              ran the sentinel's 256 MB heap out of memory in under a second (HostileInputIT)
 * @param maxUnauthArgs         most arguments before AUTH when a password is required
 * @param maxUnauthBulkBytes    largest argument before AUTH when a password is required
 * @param pubsubOutputLimitBytes a subscriber with this much queued for it is disconnected (client-output-buffer-limit
 *                              pubsub's hard limit; Long.MAX_VALUE: none)
 * @param writeLowWaterBytes    resume reading a client once its output drops below this
 * @param writeHighWaterBytes   stop reading a client whose output exceeds this
 * @param maxClients            connections beyond this are refused (Redis's maxclients, 10000)
 */
public record RespLimits(
        int maxInlineBytes,
        int maxArgs,
        int maxBulkBytes,
        int maxRequestBytes,
        int maxUnauthArgs,
        int maxUnauthBulkBytes,
        long pubsubOutputLimitBytes,
        int writeLowWaterBytes,
        int writeHighWaterBytes,
        int maxClients) {

    public RespLimits {
        if (maxClients < 1 || maxInlineBytes < 16 || maxArgs < 1 || maxBulkBytes < 1 || maxRequestBytes < 1
                || maxUnauthArgs < 1 || maxUnauthBulkBytes < 1) {
            throw new IllegalArgumentException("RESP limits too small");
        }
        // a pubsub limit below the high water mark is allowed: client-output-buffer-limit pubsub 1kb 0 0 is valid
        if (writeLowWaterBytes > writeHighWaterBytes || pubsubOutputLimitBytes < 1) {
            throw new IllegalArgumentException("need low water <= high water and a positive pubsub output limit");
        }
    }

    public static RespLimits defaults() {
        return new RespLimits(64 * 1024, 4096, 512 * 1024, 1024 * 1024, 10, 16 * 1024, 32L * 1024 * 1024,
                256 * 1024, 1024 * 1024, 10000);
    }

    public RespLimits withPubsubOutputLimitBytes(long bytes) {
        return new RespLimits(maxInlineBytes, maxArgs, maxBulkBytes, maxRequestBytes, maxUnauthArgs,
                maxUnauthBulkBytes, bytes, writeLowWaterBytes, writeHighWaterBytes, maxClients);
    }

    public RespLimits withMaxClients(int clients) {
        return new RespLimits(maxInlineBytes, maxArgs, maxBulkBytes, maxRequestBytes, maxUnauthArgs,
                maxUnauthBulkBytes, pubsubOutputLimitBytes, writeLowWaterBytes, writeHighWaterBytes, clients);
    }
}
