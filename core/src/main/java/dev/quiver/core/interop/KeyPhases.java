package dev.quiver.core.interop;

/** Key phase changes seen in 1-RTT packets: runs of packets the client sent and received under new keys. */
public record KeyPhases(int sentChanges, int receivedChanges) {
}
