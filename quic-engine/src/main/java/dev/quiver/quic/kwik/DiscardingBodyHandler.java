package dev.quiver.quic.kwik;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body to its end and keeps only its length: a load tester measures bytes, it
 * does not store them. It also notes when the headers arrived (the time to first byte).
 */
final class DiscardingBodyHandler implements HttpResponse.BodyHandler<Long> {

    private final Exchange exchange;

    DiscardingBodyHandler(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public HttpResponse.BodySubscriber<Long> apply(HttpResponse.ResponseInfo info) {
        exchange.headers(info.statusCode());
        return new Counter();
    }

    private static final class Counter implements HttpResponse.BodySubscriber<Long> {
        private final CompletableFuture<Long> result = new CompletableFuture<>();
        private long bytes;

        @Override
        public CompletionStage<Long> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                bytes += b.remaining();
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes);
        }
    }
}
