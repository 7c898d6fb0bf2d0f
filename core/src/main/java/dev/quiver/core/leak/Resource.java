package dev.quiver.core.leak;

import dev.quiver.core.report.Units;

/**
 * Something a watcher measures, e.g. the RSS of a process or the goroutines of a Go server.
 *
 * @param name unique within a check, says whose resource it is: {@code pid 123 rss}, {@code server go_goroutines}
 * @param unit what the values count
 * @param cumulative true for a total that only grows (time spent waiting): it never comes back down in
 *                   cool-down, so only its growth per request and a stalled load count
 * @param minGrowth growth over the judged load below which it is never called a leak, whatever the
 *                  slope: one-time costs (classes initialised on first use, caches) look steep on a
 *                  short, slow load; 0 for none
 */
public record Resource(String name, Unit unit, boolean cumulative, double minGrowth) {

    public Resource(String name, Unit unit, boolean cumulative) {
        this(name, unit, cumulative, 0);
    }

    /** What a resource's values count; each unit has its own default leak threshold. */
    public enum Unit {
        BYTES, COUNT, MILLIS;

        public String key() {
            return name().toLowerCase();
        }

        /** A value in words a reader takes in at once: {@code 12.5 MiB}, {@code 340}, {@code 1.2 s}; {@code -} for none. */
        public String format(double value) {
            if (Double.isNaN(value)) {
                return "-";
            }
            return switch (this) {
                case BYTES -> Units.formatBytesShort(value);
                case COUNT -> Units.formatCount(value);
                case MILLIS -> Units.formatMillisShort(value);
            };
        }
    }

    public static Resource gauge(String name, Unit unit) {
        return new Resource(name, unit, false);
    }
}
