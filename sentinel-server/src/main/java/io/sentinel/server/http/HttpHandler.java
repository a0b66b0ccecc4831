package io.sentinel.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes one HTTP request: {@code /metrics}, {@code /healthz}, {@code /readyz}; anything else is 404. */
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpHandler.class);
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    private final SentinelMetrics metrics;
    private final Health health;

    HttpHandler(SentinelMetrics metrics, Health health) {
        this.metrics = metrics;
        this.health = health;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            respond(ctx, req, HttpResponseStatus.BAD_REQUEST, TEXT, "bad request\n", false);
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        boolean known = path.equals("/metrics") || path.equals("/healthz") || path.equals("/readyz");
        if (!known) {
            respond(ctx, req, HttpResponseStatus.NOT_FOUND, TEXT, "not found\n", HttpUtil.isKeepAlive(req));
        } else if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            respond(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT, "method not allowed\n",
                    HttpUtil.isKeepAlive(req));
        } else {
            try {
                route(ctx, req, path);
            } catch (RuntimeException e) {
                // a bug in rendering: answer, log, keep serving the probes
                log.error("HTTP {} failed", path, e);
                respond(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT, "internal error\n", false);
            }
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (path.equals("/metrics")) {
            String accept = req.headers().get(HttpHeaderNames.ACCEPT);
            respond(ctx, req, HttpResponseStatus.OK, metrics.contentType(accept), metrics.scrape(accept), keepAlive);
        } else if (path.equals("/healthz")) {
            probe(ctx, req, health.liveness(), "ok", "unhealthy", keepAlive);
        } else {
            probe(ctx, req, health.readiness(), "ready", "not ready", keepAlive);
        }
    }

    private static void probe(ChannelHandlerContext ctx, FullHttpRequest req, Health.Probe p, String ok, String bad,
                              boolean keepAlive) {
        HttpResponseStatus status = p.ok() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
        respond(ctx, req, status, JSON, Json.status(p.ok() ? ok : bad, p.ok() ? List.of() : p.reasons()), keepAlive);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                                String contentType, String body, boolean keepAlive) {
        boolean head = req.method().equals(HttpMethod.HEAD);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes);
        FullHttpResponse res = new DefaultFullHttpResponse(req.protocolVersion(), status, content);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ReadTimeoutException)) log.warn("HTTP request failed: {}", cause.toString());
        ctx.close();
    }
}
