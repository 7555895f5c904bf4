package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.inspect.PayloadInspector;
import io.sgmigrate.engine.inspect.PayloadKeys;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A payload load: the payload file here (only read), what opens it, the Compose deployment it goes into, and
 * what the restored site configuration gets before it is swapped in. {@code firstReading}: the file's reading a front
 * made already (the wizard's verdict page), taken as pre-flight's instead of reading the file once more; the restore's
 * reading is checked against it entry by entry all the same.
 */
public record LoadSettings(Path payload, PayloadKeys keys, TargetSettings target, Optional<SiteConfigEdit> configure,
                           Optional<PayloadInspector.Found> firstReading) {
    public LoadSettings(Path payload, PayloadKeys keys, TargetSettings target, Optional<SiteConfigEdit> configure) {
        this(payload, keys, target, configure, Optional.empty());
    }
}
