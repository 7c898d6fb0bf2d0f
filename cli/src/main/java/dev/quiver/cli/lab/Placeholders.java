package dev.quiver.cli.lab;

import dev.quiver.lab.Lab;
import java.util.List;

/** {@code {server}} in a lab command becomes the server's address inside the lab. */
final class Placeholders {

    static final String SERVER = "{server}";

    private Placeholders() {
    }

    static String substitute(String s) {
        return s.replace(SERVER, Lab.SERVER_ADDRESS);
    }

    static List<String> substitute(List<String> args) {
        return args.stream().map(Placeholders::substitute).toList();
    }
}
