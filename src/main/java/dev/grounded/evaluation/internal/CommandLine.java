package dev.grounded.evaluation.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation CLI's arguments: positional words, {@code --name value} or {@code --name=value} options (a name may
 * repeat, as {@code --min} does) and bare {@code --flag}s.
 */
record CommandLine(List<String> words, Map<String, List<String>> options) {

    private static final List<String> FLAGS = List.of("json", "reindex", "sweep", "store");

    static CommandLine parse(String[] args) {
        List<String> words = new ArrayList<>();
        Map<String, List<String>> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                words.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (FLAGS.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            options.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new CommandLine(words, options);
    }

    String option(String name, String fallback) {
        List<String> values = options.get(name);
        return values == null ? fallback : values.getLast();
    }

    double number(String name, double fallback) {
        String value = option(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + value);
        }
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(option(name, "false"));
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }
}
