package dev.quiver.core.interop;

/**
 * What a measurement case measured (the runner's {@code goodput}): a number with its unit, beside
 * the verdict that says whether the measurement is valid (the download was exact).
 */
public record Measurement(String name, double value, String unit) {
}
