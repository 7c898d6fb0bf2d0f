package dev.quiver.core.engine;

import java.util.Locale;

/** The HTTP versions quiver speaks. */
public enum Protocol {
    HTTP_1_1("HTTP/1.1", "1.1"),
    HTTP_2("HTTP/2", "2"),
    HTTP_3("HTTP/3", "3");

    private final String displayName;
    private final String flag;

    Protocol(String displayName, String flag) {
        this.displayName = displayName;
        this.flag = flag;
    }

    /** As people write it: {@code HTTP/2}. */
    public String displayName() {
        return displayName;
    }

    /** As the {@code --http} flag takes it: {@code 1.1}, {@code 2}, {@code 3}. */
    public String flag() {
        return flag;
    }

    /** Parses a {@code --http} value; accepts {@code 1.1}, {@code 1}, {@code 2}, {@code 3}, {@code h2}, {@code http/2}. */
    public static Protocol parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("http/")) {
            t = t.substring(5);
        } else if (t.startsWith("h") && t.length() > 1) {
            t = t.substring(1);
        }
        return switch (t) {
            case "1.1", "1" -> HTTP_1_1;
            case "2", "2.0" -> HTTP_2;
            case "3" -> HTTP_3;
            default -> throw new IllegalArgumentException(
                    "unknown HTTP version '" + text + "' (expected 1.1, 2 or 3)");
        };
    }
}
