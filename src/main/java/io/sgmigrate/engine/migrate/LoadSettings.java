package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.inspect.PayloadKeys;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A payload load: the payload file here (only read), what opens it, the Compose deployment it goes into, and
 * what the restored site configuration gets before it is swapped in.
 */
public record LoadSettings(Path payload, PayloadKeys keys, TargetSettings target, Optional<SiteConfigEdit> configure) {}
