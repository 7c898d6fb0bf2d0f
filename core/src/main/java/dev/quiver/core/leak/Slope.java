package dev.quiver.core.leak;

/**
 * Least-squares slope of y against x with its 95% confidence interval.
 *
 * @param perUnit the slope (y per one x)
 * @param low lower bound of the 95% confidence interval
 * @param high upper bound of the 95% confidence interval
 * @param points how many points the fit used
 */
public record Slope(double perUnit, double low, double high, int points) {

    /** Fewer points than this give no slope: with two points any line fits exactly. */
    public static final int MIN_POINTS = 3;

    /** The fit, or null when there are too few points or x does not vary. */
    public static Slope fit(double[] x, double[] y) {
        int n = Math.min(x.length, y.length);
        if (n < MIN_POINTS) {
            return null;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (!(sxx > 0)) {
            return null;
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (a + b * x[i]);
            sse += r * r;
        }
        double standardError = Math.sqrt(sse / (n - 2) / sxx);
        double half = tQuantile975(n - 2) * standardError;
        return new Slope(b, b - half, b + half, n);
    }

    /** The same slope scaled, e.g. per request to per 1k requests. */
    public Slope times(double factor) {
        return new Slope(perUnit * factor, low * factor, high * factor, points);
    }

    /** Two-sided 95% quantile of Student's t with {@code df} degrees of freedom. */
    static double tQuantile975(int df) {
        double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
        if (df < 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (df <= table.length) {
            return table[df - 1];
        }
        // Beyond 30 degrees of freedom the normal quantile with a small correction is close enough.
        return 1.960 + 2.4 / df;
    }
}
