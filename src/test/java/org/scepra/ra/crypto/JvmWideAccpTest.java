package org.scepra.ra.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.Provider;
import org.junit.jupiter.api.Test;

/**
 * Redeploys, simulated: each "deployment" is a class loader of its own over scepra's classes, as an application
 * server gives each WAR. They must all get the one ACCP of the JVM (its native library loads once), and an undeployed
 * one must be collectable: nothing of it may stay reachable from ACCP or the shared registry.
 */
class JvmWideAccpTest {

  @Test
  void everyDeploymentSharesOneAccpAndAnUndeployedOneIsFreed() throws Exception {
    assumeTrue(AccpLoader.forThisJvm().classifier().isPresent(), "ACCP publishes no build for this platform");
    Provider own = ((AccpStatus.Usable) JvmWideAccp.get(() -> AccpLoader.forThisJvm().load())).provider();

    URLClassLoader first = deployment();
    assertSame(own, providerSeenBy(first));
    WeakReference<ClassLoader> undeployed = new WeakReference<>(first);
    first.close();
    first = null;

    URLClassLoader second = deployment();
    assertSame(own, providerSeenBy(second), "a redeployment reuses the loaded ACCP");
    second.close();

    for (int i = 0; i < 100 && undeployed.get() != null; i++) {
      System.gc();
      Thread.sleep(100);
    }
    assertNull(undeployed.get(), "the undeployed deployment's class loader is still reachable");
    assertEquals(1, Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("Native reference cleanup thread")).count(),
        "one set of ACCP's cleaner threads for the whole JVM");
  }

  /** scepra's crypto classes in a loader of their own, with no parent beyond the platform's. */
  private static URLClassLoader deployment() throws Exception {
    URL classes = Path.of(AccpLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
    return new URLClassLoader("deployment", new URL[] {classes}, ClassLoader.getPlatformClassLoader());
  }

  private static Provider providerSeenBy(ClassLoader deployment) throws Exception {
    Class<?> shared = Class.forName(JvmWideAccp.class.getName(), true, deployment);
    Class<?> loader = Class.forName(AccpLoader.class.getName(), true, deployment);
    Method forThisJvm = loader.getDeclaredMethod("forThisJvm");
    Method load = loader.getDeclaredMethod("load");
    forThisJvm.setAccessible(true);
    load.setAccessible(true);
    Object instance = forThisJvm.invoke(null);
    Method get = shared.getDeclaredMethod("get", java.util.function.Supplier.class);
    get.setAccessible(true);
    java.util.function.Supplier<Object> supplier = () -> {
      try {
        return load.invoke(instance);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
    Object status = get.invoke(null, supplier);
    return (Provider) status.getClass().getMethod("provider").invoke(status);
  }
}
