package io.sgmigrate.engine;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The engine's user-facing sentences, from {@code io/sgmigrate/engine/messages.properties}. */
public final class Messages {
    private static final String BUNDLE = "io.sgmigrate.engine.messages";

    private Messages() {}

    public static String get(String key, Object... args) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, Locale.getDefault()).getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("missing engine message key " + key, e);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.getDefault()).format(args);
    }
}
