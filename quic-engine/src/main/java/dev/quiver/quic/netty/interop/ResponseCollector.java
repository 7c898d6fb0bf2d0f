package dev.quiver.quic.netty.interop;

import dev.quiver.core.interop.BodyDigest;
import dev.quiver.core.interop.Response;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Reads one response stream: status, content-length, header count, and the body counted and digested (not kept). */
final class ResponseCollector extends Http3RequestStreamInboundHandler {

    final CompletableFuture<Response> response = new CompletableFuture<>();
    private int status;
    private long contentLength = -1;
    private int headerCount;
    private final BodyDigest body = new BodyDigest();

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
        try {
            if (status == 0 || status < 200) {
                CharSequence s = frame.headers().status();
                status = s == null ? -1 : Integer.parseInt(s.toString());
                headerCount = frame.headers().size();
                CharSequence cl = frame.headers().get("content-length");
                contentLength = cl == null ? -1 : Long.parseLong(cl.toString());
            }
        } catch (NumberFormatException e) {
            response.completeExceptionally(new IOException("malformed status or content-length"));
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
        try {
            for (java.nio.ByteBuffer b : frame.content().nioBuffers()) {
                body.update(b);
            }
        } finally {
            frame.release();
        }
    }

    @Override
    protected void channelInputClosed(ChannelHandlerContext ctx) {
        long id = ((QuicStreamChannel) ctx.channel()).streamId();
        if (status == 0) {
            response.completeExceptionally(new IOException("stream " + id + " ended without response headers"));
        } else {
            response.complete(new Response(id, status, contentLength, body.bytes(), headerCount, body.hex()));
        }
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        response.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        response.completeExceptionally(new IOException("stream closed before its response ended"));
        ctx.fireChannelInactive();
    }
}
