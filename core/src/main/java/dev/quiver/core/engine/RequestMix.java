package dev.quiver.core.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The requests a run sends, each with its path and weight: one entry for a run of one URL, or the
 * lines of a {@code --urls} file. All go to the run's one origin, so they share its connections.
 * Engines encode every entry once and pick the one a stream asks for by its index.
 *
 * @param entries the requests, at least one
 * @param perRequestReport whether the report has a row per entry ({@code --urls}); false for the single request
 *                         of a plain run, whose report stays as it always was
 */
public record RequestMix(List<Entry> entries, boolean perRequestReport) {

    /** Longest label a report shows; a longer one is cut and ends in an ellipsis. */
    public static final int MAX_LABEL = 60;
    /** Most entries: each is encoded once per connection (HTTP/2 and HTTP/3 header blocks), and reports show 32 rows. */
    public static final int MAX_ENTRIES = 1000;
    /** Most weight of all entries together: the scheduler lays one cycle of this many choices out in memory. */
    public static final long MAX_TOTAL_WEIGHT = 100_000;

    /**
     * One request of the mix.
     *
     * @param path the request target: path and query, starting with {@code /}
     * @param weight how many of every {@link RequestMix#totalWeight()} requests are this one
     * @param source where the entry was written ({@code FILE:LINE}), for messages about it; empty for the URL's request
     */
    public record Entry(RequestTemplate request, String path, int weight, String source) {

        public Entry {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("a request path starts with '/'");
            }
            if (weight < 1) {
                throw new IllegalArgumentException("a weight is a positive integer");
            }
        }

        /** Method and path, as the report names the entry; cut to {@link #MAX_LABEL} characters. */
        public String label() {
            String full = request.method() + " " + path;
            return full.length() <= MAX_LABEL ? full : full.substring(0, MAX_LABEL - 3) + "...";
        }
    }

    public RequestMix {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a run sends at least one request");
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(entries.size() + " requests, more than " + MAX_ENTRIES);
        }
        long total = 0;
        for (Entry e : entries) {
            total += e.weight();
        }
        if (total > MAX_TOTAL_WEIGHT) {
            throw new IllegalArgumentException("the weights add up to " + total + ", more than " + MAX_TOTAL_WEIGHT);
        }
    }

    /** The plain run's one request to the URL's own path. */
    public static RequestMix single(RequestTemplate request, Target target) {
        return new RequestMix(List.of(new Entry(request, target.pathAndQuery(), 1, "")), false);
    }

    public int size() {
        return entries.size();
    }

    public Entry entry(int index) {
        return entries.get(index);
    }

    /** The first entry's request (the only one of a plain run). */
    public RequestTemplate first() {
        return entries.get(0).request();
    }

    /**
     * The methods the run sends, as its parameters show them: the one method of a plain run, else the
     * distinct methods in the file's order ({@code GET,POST}), the first four of them at most.
     */
    public String methods() {
        Set<String> distinct = new LinkedHashSet<>();
        for (Entry e : entries) {
            distinct.add(e.request().method());
        }
        List<String> shown = distinct.stream().limit(4).toList();
        return String.join(",", shown) + (distinct.size() > shown.size() ? ",..." : "");
    }

    public long totalWeight() {
        long sum = 0;
        for (Entry e : entries) {
            sum += e.weight();
        }
        return sum;
    }
}
