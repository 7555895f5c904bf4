package io.sgmigrate.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Name and version of this build, read once from the filtered version.properties. */
public final class AppInfo {
    public static final String NAME = "sgmigrate";
    private static final String VERSION = loadVersion();

    private AppInfo() {}

    public static String version() {
        return VERSION;
    }

    private static String loadVersion() {
        try (InputStream in = AppInfo.class.getResourceAsStream("/io/sgmigrate/version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
