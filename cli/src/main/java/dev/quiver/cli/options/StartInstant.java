package dev.quiver.cli.options;

import dev.quiver.cli.UsageException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine;

/**
 * Reads {@code --start-at}: an ISO-8601 instant ({@code 2026-12-02T21:40:00Z}), epoch milliseconds
 * ({@code 1796247600000}), or {@code +D}, a duration from now ({@code +15s}).
 */
public final class StartInstant {

    /** An instant further from now than this is a slip (epoch seconds given as milliseconds, a wrong year). */
    static final Duration MAX_DISTANCE = Duration.ofDays(1);

    private StartInstant() {
    }

    /** @throws UsageException when the text is none of the three forms, or more than a day away from {@code now} */
    public static Instant parse(String text, Instant now) {
        String t = text.trim();
        Instant at;
        if (t.startsWith("+")) {
            try {
                // to the millisecond: the instant is written into every shard's command line and report
                at = now.plus(DurationConverter.parse(t.substring(1))).truncatedTo(ChronoUnit.MILLIS);
            } catch (CommandLine.TypeConversionException e) {
                throw new UsageException("--start-at " + text + ": " + e.getMessage());
            }
        } else if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            try {
                at = Instant.ofEpochMilli(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw new UsageException("--start-at " + text + ": not epoch milliseconds");
            }
        } else {
            try {
                at = Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new UsageException("--start-at takes an ISO-8601 instant (2026-12-02T21:40:00Z), epoch milliseconds "
                        + "or +DURATION (+15s), got '" + text + "'");
            }
        }
        if (Duration.between(now, at).abs().compareTo(MAX_DISTANCE) > 0) {
            throw new UsageException("--start-at " + text + " is " + at + ", more than a day from now (" + now
                    + "): epoch seconds instead of milliseconds?");
        }
        return at;
    }
}
