package dev.quiver.core.interop;

/**
 * How a connection used the server's bidirectional stream credit.
 *
 * @param initialCredit the server's initial_max_streams_bidi
 * @param creditRaises MAX_STREAMS frames (or stream limit changes) received
 * @param maxOpenAtOnce the most request streams open at once, or -1 when the stack does not tell
 * @param beyondCredit streams opened beyond the credit given at the time, or -1 when the stack does not tell
 */
public record StreamUse(long initialCredit, int creditRaises, int maxOpenAtOnce, int beyondCredit) {
}
