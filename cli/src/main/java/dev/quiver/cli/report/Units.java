package dev.quiver.cli.report;

import java.util.Locale;

/** How numbers read in the text report. */
final class Units {

    private Units() {
    }

    static String millis(double ms) {
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.3f s", ms / 1000);
        }
        return String.format(Locale.ROOT, "%.3f ms", ms);
    }

    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return i == 0 ? n + " B" : String.format(Locale.ROOT, "%.2f %s", v, units[i]);
    }
}
