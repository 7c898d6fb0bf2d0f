package dev.quiver.cli.report.html;

import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import java.util.List;
import java.util.Locale;

/**
 * Where each variant's streams ended, as one stacked bar per variant (every state that occurred
 * gets at least a sliver, so a handful of resets beside a million completions stays visible),
 * with the counts and the failed-request count written beside it.
 */
final class StreamStateBars {

    private static final int ROW = 34;
    private static final int LABEL = 110;
    private static final int BAR = 330;
    private static final double SLIVER = 3;
    private static final String[] STATE_COLORS = {"#4caf50", "#e53935", "#9e9e9e", "#fb8c00", "#8e24aa", "#fdd835", "#3949ab"};

    private StreamStateBars() {
    }

    static String render(List<ChartSeries> variants) {
        int height = 40 + ROW * variants.size();
        StringBuilder b = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Svg.WIDTH + " " + height
                + "\" role=\"img\" aria-label=\"stream states and errors\">\n");
        StreamState[] states = StreamState.values();
        double lx = 10;
        for (int s = 0; s < states.length; s++) {
            b.append("<rect x=\"").append(Svg.num(lx)).append("\" y=\"8\" width=\"10\" height=\"10\" fill=\"").append(STATE_COLORS[s])
                    .append("\"/><text class=\"tick\" x=\"").append(Svg.num(lx + 14)).append("\" y=\"17\">").append(states[s].key())
                    .append("</text>\n");
            lx += 24 + 7.2 * states[s].key().length();
        }
        for (int i = 0; i < variants.size(); i++) {
            ChartSeries v = variants.get(i);
            double y = 32 + ROW * i;
            b.append("<text class=\"tick\" x=\"").append(LABEL - 8).append("\" y=\"").append(Svg.num(y + 16))
                    .append("\" text-anchor=\"end\">").append(Svg.escape(v.label())).append("</text>\n");
            if (!v.ran()) {
                b.append("<text class=\"tick failed\" x=\"").append(LABEL).append("\" y=\"").append(Svg.num(y + 16)).append("\">")
                        .append(Svg.escape(v.absent())).append("</text>\n");
                continue;
            }
            TrackerCounts c = v.result().streams();
            long opened = Math.max(1, c.terminalSum());
            int nonZero = 0;
            for (StreamState st : states) {
                nonZero += c.terminal(st) > 0 ? 1 : 0;
            }
            double room = BAR - SLIVER * nonZero;
            double x = LABEL;
            int segments = 0;
            StringBuilder words = new StringBuilder();
            for (int s = 0; s < states.length; s++) {
                long n = c.terminal(states[s]);
                if (n == 0) {
                    continue;
                }
                double w = SLIVER + room * n / opened;
                b.append("<rect class=\"series\" data-variant=\"").append(Svg.escape(v.label())).append("\" data-points=\"")
                        .append(n).append("\" x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(y + 4))
                        .append("\" width=\"").append(Svg.num(w)).append("\" height=\"18\" fill=\"").append(STATE_COLORS[s])
                        .append("\"><title>").append(Svg.escape(v.label())).append(' ').append(states[s].key()).append(' ')
                        .append(n).append("</title></rect>\n");
                x += w;
                segments++;
                words.append(words.isEmpty() ? "" : ", ").append(states[s].key()).append(' ').append(n);
            }
            if (segments == 0) {
                words.append("no streams");
            }
            words.append(String.format(Locale.ROOT, "; failed requests %d", v.result().requests().failed()));
            b.append("<text class=\"tick\" x=\"").append(LABEL + BAR + 10).append("\" y=\"").append(Svg.num(y + 17)).append("\">")
                    .append(Svg.escape(words.toString())).append("</text>\n");
        }
        return b.append("</svg>\n").toString();
    }
}
