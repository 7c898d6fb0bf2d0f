package dev.quiver.core.ramp;

/** What a ramp's stages set: the open model's arrival rate, or the closed model's connection count. */
public enum RampKind {

    /** Requests per second ({@code --ramp}): the open model. */
    RATE("rate", "--ramp"),
    /** Connections kept open, each a virtual user of {@code -p} streams ({@code --ramp-connections}): the closed model. */
    CONNECTIONS("connections", "--ramp-connections");

    private final String key;
    private final String flag;

    RampKind(String key, String flag) {
        this.key = key;
        this.flag = flag;
    }

    /** The name reports use: {@code rate}, {@code connections}. */
    public String key() {
        return key;
    }

    /** The command-line flag that gives stages of this kind. */
    public String flag() {
        return flag;
    }

    /** The kind named {@code key} in a report. */
    public static RampKind ofKey(String key) {
        for (RampKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown ramp kind '" + key + "'");
    }
}
