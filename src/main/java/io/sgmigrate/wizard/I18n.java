package io.sgmigrate.wizard;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The wizard's strings, from {@code io/sgmigrate/wizard/wizard.properties}. */
public final class I18n {
    public static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.sgmigrate.wizard.wizard");

    private I18n() {}

    public static String t(String key, Object... args) {
        String s = BUNDLE.getString(key);
        return args.length == 0 ? s : MessageFormat.format(s, args);
    }
}
