package dev.quiver.core.threshold;

/** How a threshold compares a run's figure with its limit. */
public enum Operator {
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    /** Only for yes/no figures ({@code client_bound==false}). */
    EQUAL("==");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code actual} satisfies this comparison with {@code limit}; a NaN never does. */
    public boolean holds(double actual, double limit) {
        if (Double.isNaN(actual)) {
            return false;
        }
        return switch (this) {
            case LESS -> actual < limit;
            case LESS_OR_EQUAL -> actual <= limit;
            case GREATER -> actual > limit;
            case GREATER_OR_EQUAL -> actual >= limit;
            case EQUAL -> actual == limit;
        };
    }

    /** Whether the figure must stay below its limit ({@code <}, {@code <=}). */
    public boolean isUpperBound() {
        return this == LESS || this == LESS_OR_EQUAL;
    }

    /** Whether the figure must stay above its limit ({@code >}, {@code >=}). */
    public boolean isLowerBound() {
        return this == GREATER || this == GREATER_OR_EQUAL;
    }
}
