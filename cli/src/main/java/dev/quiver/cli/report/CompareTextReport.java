package dev.quiver.cli.report;

import dev.quiver.cli.compare.ComparisonResult;
import dev.quiver.cli.compare.Row;
import dev.quiver.cli.compare.Rows;
import dev.quiver.cli.compare.VariantResult;
import dev.quiver.cli.compare.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The comparison as a text table: one column per variant, the winner of each row marked with '*'. */
public final class CompareTextReport {

    private static final String WINNER = "*";

    private CompareTextReport() {
    }

    /** The comparison as text. */
    public static String render(ComparisonResult c) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        print(c, out);
        out.flush();
        return text.toString();
    }

    private static void print(ComparisonResult c, PrintWriter out) {
        out.println("Compare: " + c.spec().target().url());
        out.println("  " + CompareText.workload(c));
        out.println();

        List<VariantResult> vs = c.variants();
        List<String[]> table = new ArrayList<>();
        String[] header = new String[vs.size() + 1];
        header[0] = "";
        for (int i = 0; i < vs.size(); i++) {
            header[i + 1] = vs.get(i).variant().label() + (vs.get(i).failure() != null ? " (failed)" : "");
        }
        table.add(header);
        for (Row row : Rows.shown(c.rounds())) {
            List<Integer> winners = row.winners(vs);
            String[] line = new String[vs.size() + 1];
            line[0] = row.title();
            for (int i = 0; i < vs.size(); i++) {
                line[i + 1] = row.unit().format(row.of(vs.get(i))) + (winners.contains(i) ? WINNER : "");
            }
            table.add(line);
        }
        int[] widths = new int[header.length];
        for (String[] line : table) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : table) {
            StringBuilder b = new StringBuilder("  ");
            b.append(String.format(Locale.ROOT, "%-" + widths[0] + "s", line[0]));
            for (int i = 1; i < line.length; i++) {
                b.append("  ").append(String.format(Locale.ROOT, "%" + (widths[i] + 1) + "s", line[i].endsWith(WINNER) ? line[i] : line[i] + " "));
            }
            out.println(b.toString().stripTrailing());
        }
        out.println("  (" + WINNER + " best in its row)");
        out.println();

        for (VariantResult v : vs) {
            if (v.ran()) {
                PerRequestReport.print(v.merged(), "Per request, " + v.variant().label() + ":", out);
            }
        }

        out.println("Streams:");
        int labelWidth = vs.stream().mapToInt(v -> v.variant().label().length()).max().orElse(0);
        for (VariantResult v : vs) {
            String books = Rows.streams(v) + (v.ran() && !v.merged().streams().balanced() ? "  STREAM LEAK" : "");
            out.printf(Locale.ROOT, "  %-" + labelWidth + "s  %s%n", v.variant().label(), books);
        }
        if (vs.stream().anyMatch(VariantResult::ran)) {
            out.println();
            out.println("Transport:");
            for (VariantResult v : vs) {
                if (v.ran()) {
                    out.printf(Locale.ROOT, "  %-" + labelWidth + "s  %s%n", v.variant().label(), TransportText.line(v.merged().transport(), TransportText.requestStreams(v.merged())));
                }
            }
        }
        boolean anyErrors = vs.stream().anyMatch(v -> v.ran() && !v.merged().errors().isEmpty());
        if (anyErrors) {
            out.println();
            out.println("Errors:");
            for (VariantResult v : vs) {
                if (v.ran()) {
                    v.merged().errors().forEach((k, n) -> out.printf(Locale.ROOT, "  %-" + labelWidth + "s  [%d] %s%n",
                            v.variant().label(), n, k));
                }
            }
        }
        for (VariantResult v : vs) {
            String warning = v.ran() ? ClientBoundReport.warning(v.merged()) : null;
            if (warning != null) {
                out.println();
                out.println("WARNING: " + v.variant().label() + ": " + warning);
            }
        }
        out.println();
        out.println("Summary: " + Verdict.of(c));
    }
}
