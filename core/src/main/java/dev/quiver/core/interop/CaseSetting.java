package dev.quiver.core.interop;

/**
 * A number a case takes from the command line ({@code --case-setting handshakeloss.handshakes=5}),
 * so a test can run the runner's case smaller; the default is the runner's.
 *
 * @param name the setting's name, without the case's ({@code handshakes}, {@code bytes})
 * @param defaultValue what the case uses when the setting is not given (the runner's value)
 * @param min the smallest value taken
 * @param max the largest value taken
 */
public record CaseSetting(String name, long defaultValue, long min, long max, String description) {

    /** Checks a value given on the command line; the message names the setting and its range. */
    public long check(String caseId, long value) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("--case-setting " + caseId + "." + name + ": " + value + " is outside " + min + ".." + max);
        }
        return value;
    }
}
