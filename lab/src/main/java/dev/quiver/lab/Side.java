package dev.quiver.lab;

/** The two ends of a lab, each in its own network namespace. */
public enum Side {
    CLIENT,
    SERVER
}
