package dev.quiver.core.report;

/**
 * One reporting interval of a run (one second by default): what progress lines and time plots show.
 *
 * @param elapsedSeconds seconds from the start of the load to the end of this interval
 * @param completed requests completed in this interval
 * @param failed requests failed in this interval
 * @param rps completed requests per second in this interval
 * @param p50Millis median latency of the requests completed in this interval (0 when none)
 * @param p99Millis 99th percentile likewise
 * @param live streams open at the end of the interval
 */
public record IntervalSample(double elapsedSeconds, long completed, long failed, double rps,
                             double p50Millis, double p99Millis, long live) {
}
