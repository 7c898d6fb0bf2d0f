package dev.quiver.server.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;

/**
 * Tells HTTP/1.1 from h2c with prior knowledge on the plain port by the first bytes: the HTTP/2
 * client connection preface ({@code PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n}) selects HTTP/2, the first
 * byte that differs from it selects HTTP/1.1 (usually the very first one). It only peeks: the
 * bytes stay in the buffer and are handed to the chosen protocol when this handler removes itself.
 *
 * <p>{@code Upgrade: h2c} is not offered; such a request is simply answered over HTTP/1.1, which
 * RFC 9110 allows.
 */
final class CleartextProtocolDetector extends ByteToMessageDecoder {

    static final String NAME = "h2c-detector";

    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final HttpPipelines pipelines;

    CleartextProtocolDetector(HttpPipelines pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int prefaceLength = PREFACE.readableBytes();
        int n = Math.min(in.readableBytes(), prefaceLength);
        if (!ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), n)) {
            pipelines.addHttp1(ctx.pipeline());
            ctx.pipeline().remove(this);
        } else if (n == prefaceLength) {
            pipelines.addHttp2(ctx.pipeline());
            ctx.pipeline().remove(this);
        }
        // Otherwise a prefix of the preface: wait for more bytes.
    }
}
