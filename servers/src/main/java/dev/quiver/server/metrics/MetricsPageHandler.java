package dev.quiver.server.metrics;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Answers {@code GET /metrics} over HTTP/1.1 with the server's own Prometheus text (what
 * {@code quiver leak-check --watch-prometheus} reads); every other request passes on to the routes.
 * The page is rendered per scrape, a few times a second at most, so it is not worth caching.
 */
public final class MetricsPageHandler extends ChannelInboundHandlerAdapter {

    private static final String PATH = "/metrics";

    private final Supplier<String> page;
    /** True while the body of a /metrics request is being read and dropped. */
    private boolean answering;
    /** Whether the connection stays open after the /metrics answer being prepared. */
    private boolean keepAlive;

    public MetricsPageHandler(Supplier<String> page) {
        this.page = page;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()
                && HttpMethod.GET.equals(request.method()) && isMetricsPath(request.uri())) {
            answering = true;
            keepAlive = HttpUtil.isKeepAlive(request);
            if (msg instanceof LastHttpContent) {
                answer(ctx);
            }
            ReferenceCountUtil.release(msg);
            return;
        }
        if (answering && msg instanceof HttpContent) {
            boolean last = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (last) {
                answer(ctx);
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void answer(ChannelHandlerContext ctx) {
        answering = false;
        byte[] body = page.get().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    private static boolean isMetricsPath(String uri) {
        int q = uri.indexOf('?');
        return (q < 0 ? uri : uri.substring(0, q)).equals(PATH);
    }
}
