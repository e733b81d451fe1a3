package org.scepra.spi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names a {@link CaBackend} implementation, as used in {@code scepra.endpoint.<alias>.backend}. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Backend {

  String value();

  /** Selects a backend by name from an {@code Instance<CaBackend>}. */
  final class Literal extends AnnotationLiteral<Backend> implements Backend {
    private static final long serialVersionUID = 1L;
    private final String value;

    private Literal(String value) {
      this.value = value;
    }

    public static Literal of(String value) {
      return new Literal(value);
    }

    @Override
    public String value() {
      return value;
    }
  }
}
