package dev.quiver.server.route;

/**
 * What a server answers for a request target: its own routes ({@link Route#of}) first, then, when
 * it serves a directory ({@code --www}), the files in it. The own routes keep precedence: a file
 * named {@code bytes/5} is never served, {@code /bytes/5} is always five filler bytes.
 */
public final class Routes {

    /** The own routes alone. */
    public static final Routes BUILT_IN = new Routes(null);

    private final WwwDirectory www;

    private Routes(WwwDirectory www) {
        this.www = www;
    }

    /** The own routes, then the files of {@code www}; {@code null} for the own routes alone. */
    public static Routes serving(WwwDirectory www) {
        return www == null ? BUILT_IN : new Routes(www);
    }

    /** The route for a request target ({@code :path} or the HTTP/1.1 request URI); null is not found. */
    public Route of(CharSequence target) {
        Route route = Route.of(target);
        return route == Route.Fixed.NOT_FOUND && www != null ? www.resolve(target) : route;
    }
}
