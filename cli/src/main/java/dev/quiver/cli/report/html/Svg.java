package dev.quiver.cli.report.html;

import java.util.Locale;

/** Small pieces every chart needs: escaping, coordinates, the plot frame and its axes. */
final class Svg {

    static final int WIDTH = 760;
    static final int HEIGHT = 300;
    static final int LEFT = 70;
    static final int RIGHT = 36;
    static final int TOP = 16;
    static final int BOTTOM = 44;
    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

    private Svg() {
    }

    static String color(int variant) {
        return COLORS[variant % COLORS.length];
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    static double plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    /** A round step near {@code range / 5}: 1, 2 or 5 times a power of ten. */
    static double niceStep(double range) {
        if (!(range > 0)) {
            return 1;
        }
        double raw = range / 5;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    /** A value on a linear y axis from 0 to {@code max}, as a y pixel. */
    static double y(double value, double max) {
        return y(value, 0, max);
    }

    /** A value on a linear y axis from {@code min} to {@code max}, as a y pixel. */
    static double y(double value, double min, double max) {
        return TOP + plotHeight() - (value - min) / (max - min) * plotHeight();
    }

    static String open(String title) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" role=\"img\" aria-label=\""
                + escape(title) + "\">\n";
    }

    /** Frame, horizontal grid lines with labels from 0 to {@code yMax}, and the y axis title. */
    static void yAxis(StringBuilder b, double yMax, String yTitle) {
        yAxis(b, 0, yMax, yTitle);
    }

    /** As {@link #yAxis(StringBuilder, double, String)} from {@code yMin} (a multiple of the step) up. */
    static void yAxis(StringBuilder b, double yMin, double yMax, String yTitle) {
        double step = niceStep(yMax - yMin);
        for (int i = 0; yMin + i * step <= yMax + (yMax - yMin) * 1e-4; i++) {
            double v = yMin + i * step;
            double y = y(v, yMin, yMax);
            b.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y)).append("\"/>\n");
            b.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\">").append(tick(v)).append("</text>\n");
        }
        b.append("<text class=\"axis-title\" transform=\"translate(14,").append(num(TOP + plotHeight() / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(escape(yTitle)).append("</text>\n");
        b.append("<rect class=\"frame\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(num(plotWidth())).append("\" height=\"").append(num(plotHeight())).append("\"/>\n");
    }

    static void xTick(StringBuilder b, double x, String label) {
        b.append("<line class=\"grid\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(TOP)
                .append("\" y2=\"").append(num(TOP + plotHeight())).append("\"/>\n");
        b.append("<text class=\"tick\" x=\"").append(num(x)).append("\" y=\"").append(num(TOP + plotHeight() + 16))
                .append("\" text-anchor=\"middle\">").append(escape(label)).append("</text>\n");
    }

    static void xTitle(StringBuilder b, String title) {
        b.append("<text class=\"axis-title\" x=\"").append(num(LEFT + plotWidth() / 2)).append("\" y=\"").append(HEIGHT - 6)
                .append("\" text-anchor=\"middle\">").append(escape(title)).append("</text>\n");
    }

    /** One variant's line; {@code data-points} tells a test (or a reader of the DOM) how much data it carries. */
    static void series(StringBuilder b, int variant, String label, StringBuilder path, int points) {
        b.append("<path class=\"series\" data-variant=\"").append(escape(label)).append("\" data-points=\"").append(points)
                .append("\" stroke=\"").append(color(variant)).append("\" d=\"").append(path).append("\"><title>")
                .append(escape(label)).append("</title></path>\n");
    }

    static String tick(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
