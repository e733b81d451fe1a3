package org.scepra.backend.internalca;

import java.util.Collections;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/** A string-only MicroProfile {@link Config} over a map, enough for the backend's look-ups. */
final class MapConfig implements Config {

  private final Map<String, String> values;

  MapConfig(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  @Override
  public <T> T getValue(String name, Class<T> type) {
    return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
  }

  @Override
  public ConfigValue getConfigValue(String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
    if (type != String.class) {
      throw new UnsupportedOperationException("only String values in tests");
    }
    return Optional.ofNullable(values.get(name)).map(type::cast);
  }

  @Override
  public Iterable<String> getPropertyNames() {
    return values.keySet();
  }

  @Override
  public Iterable<ConfigSource> getConfigSources() {
    return Collections.emptyList();
  }

  @Override
  public <T> Optional<Converter<T>> getConverter(Class<T> type) {
    return Optional.empty();
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    throw new IllegalArgumentException("cannot unwrap to " + type);
  }
}
