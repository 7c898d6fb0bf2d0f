package dev.quiver.core.interop;

/**
 * Path validation as the client saw it in decrypted frames: the server's PATH_CHALLENGEs (it
 * validates a new client address, e.g. after a NAT rebinding) and the client's PATH_RESPONSEs.
 *
 * @param challengesReceived PATH_CHALLENGE frames received
 * @param responsesSent PATH_RESPONSE frames sent
 * @param unanswered challenges whose data no PATH_RESPONSE echoed
 */
public record PathValidation(int challengesReceived, int responsesSent, int unanswered) {
}
