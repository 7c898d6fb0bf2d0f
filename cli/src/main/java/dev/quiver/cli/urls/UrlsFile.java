package dev.quiver.cli.urls;

import dev.quiver.cli.UsageException;
import dev.quiver.cli.options.BodyFile;
import dev.quiver.core.engine.RequestMix;
import dev.quiver.core.engine.RequestRules;
import dev.quiver.core.engine.RequestTemplate;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code --urls} file: one request per line,
 * {@code [WEIGHT] METHOD PATH [-H 'Name: value']... [-d BODY|@FILE]}, words split as a shell
 * would ({@link LineWords}); blank lines and lines starting with {@code #} are skipped. Every
 * problem is a {@link UsageException} naming the file, the line and what is wrong, before any load.
 */
public final class UrlsFile {

    /** Largest urls file read: it is a list of requests, not a data set. */
    static final int MAX_FILE_BYTES = 4 << 20;
    /** Largest body one entry may have, as {@code -D}. */
    static final int MAX_BODY_BYTES = 16 << 20;
    /** Most body bytes all entries together hold: every body is kept in memory for the run. */
    static final long MAX_TOTAL_BODY_BYTES = 64L << 20;

    private UrlsFile() {
    }

    /**
     * The file's requests as one mix.
     *
     * @param headers the command line's {@code -H} fields: every entry gets them, unless it has a field of the same name
     */
    public static RequestMix read(Path file, List<RequestTemplate.Header> headers) {
        String shown = "--urls " + file;
        byte[] bytes = BodyFile.read(file, MAX_FILE_BYTES, shown);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(shown + ": not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark, as some editors write one
        }
        Path dir = file.toAbsolutePath().getParent();
        List<RequestMix.Entry> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        long bodyBytes = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1);
            RequestMix.Entry e;
            try {
                e = entry(line, where, dir, headers);
            } catch (IllegalArgumentException ex) {
                throw new UsageException("--urls " + where + ": " + ex.getMessage());
            }
            bodyBytes += e.request().body().length;
            if (bodyBytes > MAX_TOTAL_BODY_BYTES) {
                throw new UsageException("--urls " + where + ": the bodies add up to more than "
                        + (MAX_TOTAL_BODY_BYTES >> 20) + " MiB");
            }
            entries.add(e);
            if (entries.size() > RequestMix.MAX_ENTRIES) {
                throw new UsageException("--urls " + where + ": more than " + RequestMix.MAX_ENTRIES + " requests");
            }
        }
        if (entries.isEmpty()) {
            throw new UsageException(shown + ": no requests (every line is blank or a comment)");
        }
        try {
            return new RequestMix(entries, true);
        } catch (IllegalArgumentException ex) {
            throw new UsageException(shown + ": " + ex.getMessage());
        }
    }

    /** One line's request; what is wrong is an {@link IllegalArgumentException} with a message for the user. */
    static RequestMix.Entry entry(String line, String where, Path dir, List<RequestTemplate.Header> common) {
        List<String> words = LineWords.split(line);
        int at = 0;
        int weight = 1;
        String first = words.get(0);
        if (!first.isEmpty() && (Character.isDigit(first.charAt(0)) || first.startsWith("-") || first.startsWith("+"))) {
            weight = weight(words.get(0));
            at++;
        }
        if (at >= words.size()) {
            throw new IllegalArgumentException("a method and a path are missing (expected '[WEIGHT] METHOD PATH ...')");
        }
        String method = words.get(at++);
        try {
            RequestRules.checkMethod(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // The rules speak of -m; in a file the method is the line's first word (after the weight).
            throw new IllegalArgumentException("method" + e.getMessage().substring(2));
        }
        if (at >= words.size()) {
            throw new IllegalArgumentException("the path is missing (expected '[WEIGHT] METHOD PATH ...')");
        }
        String path = path(words.get(at++));
        Map<String, RequestTemplate.Header> fields = new LinkedHashMap<>();
        for (RequestTemplate.Header h : common) {
            fields.put(h.name(), h);
        }
        Map<String, RequestTemplate.Header> own = new LinkedHashMap<>();
        byte[] body = null;
        while (at < words.size()) {
            String option = words.get(at++);
            boolean header = option.equals("-H") || option.equals("--header");
            boolean data = option.equals("-d") || option.equals("--data");
            if (!header && !data) {
                throw new IllegalArgumentException("unexpected '" + option + "' (after the path: -H 'Name: value' or -d BODY|@FILE)");
            }
            if (at >= words.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = words.get(at++);
            if (header) {
                RequestTemplate.Header h = RequestTemplate.Header.parse(value);
                own.put(h.name(), h);
            } else if (body != null) {
                throw new IllegalArgumentException("more than one -d");
            } else {
                body = value.startsWith("@") ? bodyFile(value.substring(1), where, dir) : value.getBytes(StandardCharsets.UTF_8);
            }
        }
        // The line's own fields win over the command line's of the same name.
        for (String name : own.keySet()) {
            fields.remove(name);
        }
        List<RequestTemplate.Header> all = new ArrayList<>(fields.values());
        all.addAll(own.values());
        return new RequestMix.Entry(new RequestTemplate(method, all, body), path, weight, where);
    }

    private static int weight(String word) {
        if (!word.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("weight '" + word + "' is not a positive integer");
        }
        long w;
        try {
            w = Long.parseLong(word);
        } catch (NumberFormatException e) {
            w = Long.MAX_VALUE;
        }
        if (w < 1) {
            throw new IllegalArgumentException("weight 0: a weight is a positive integer (leave the line out, or comment it)");
        }
        if (w > RequestMix.MAX_TOTAL_WEIGHT) {
            throw new IllegalArgumentException("weight " + word + " is more than " + RequestMix.MAX_TOTAL_WEIGHT
                    + " (weights are relative: 3 and 1 send three times as many of the first)");
        }
        return (int) w;
    }

    /** A request target in origin form: starts with '/', printable ASCII, no fragment. */
    private static String path(String word) {
        if (!word.startsWith("/")) {
            throw new IllegalArgumentException("path '" + word + "' does not start with '/' (the origin comes from the URL)");
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("path '" + word + "' has a character a request target cannot carry at position "
                        + (i + 1) + " (percent-encode it)");
            }
            if (c == '#') {
                throw new IllegalArgumentException("path '" + word + "' has a fragment ('#'), which is never sent");
            }
        }
        return word;
    }

    private static byte[] bodyFile(String name, String where, Path dir) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("-d @ needs a file name");
        }
        Path p = dir.resolve(name);
        try {
            return BodyFile.read(p, MAX_BODY_BYTES, "-d @" + name);
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
