package dev.quiver.cli.report.html;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

/** What a page that needs no network must not contain. */
final class SelfContained {

    private SelfContained() {
    }

    static void check(String html) {
        for (String fetch : List.of("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import")) {
            assertFalse(html.contains(fetch), "the report must be self-contained, found " + fetch);
        }
    }
}
