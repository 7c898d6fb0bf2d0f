package dev.quiver.quic.kwik;

import java.io.IOException;

/**
 * A response Flupke refused for one of its limits ({@link KwikProcessSettings#MAX_HEADER_FRAME_BYTES}).
 * Flupke does not fail the request then: it returns a response of its own making with the status of
 * its {@code HttpError} (414 for a HEADERS frame over the limit, 400 for a DATA frame where HEADERS
 * belong), which quiver must not count as the server's answer.
 */
final class OverLimitResponse extends IOException {

    private static final String LIMIT = KwikProcessSettings.MAX_HEADER_FRAME_BYTES / 1024 + " KiB";

    OverLimitResponse(int flupkeStatus) {
        super(flupkeStatus == 414 ? "response headers over " + LIMIT : "response frame over " + LIMIT + " where headers belong");
    }
}
