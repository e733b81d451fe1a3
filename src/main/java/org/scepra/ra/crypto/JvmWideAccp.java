package org.scepra.ra.crypto;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.modelmbean.ModelMBeanInfoSupport;
import javax.management.modelmbean.ModelMBeanOperationInfo;
import javax.management.modelmbean.RequiredModelMBean;

/**
 * ACCP loaded at most once per JVM, shared by every scepra deployment in it. A JNI library binds to one class loader,
 * each load starts a cleaner thread of its own, and a loader that had loaded ACCP was never collected once dropped
 * (tried in a plain JVM): loading it anew on each redeploy would leak a loader, a thread and a copy
 * of the native library each time. The first deployment loads it
 * ({@link AccpLoader}) and leaves the outcome in the platform MBean server, the one registry every deployment shares,
 * as an MBean made only of JDK classes ({@code org.scepra:type=CryptoProvider,name=ACCP}); later deployments take it
 * from there. Nothing of a deployment is referenced from it, so undeploying one frees that deployment.
 */
final class JvmWideAccp {

  static final String OBJECT_NAME = "org.scepra:type=CryptoProvider,name=ACCP";
  private static final Logger LOG = Logger.getLogger(JvmWideAccp.class.getName());
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(120);

  private JvmWideAccp() {}

  /** The JVM's ACCP status, loading it with {@code loader} if no deployment did yet. */
  static AccpStatus get(Supplier<AccpStatus> loader) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = objectName();
    AtomicReference<Object> slot = new AtomicReference<>();
    try {
      server.registerMBean(holder(slot), name);
    } catch (InstanceAlreadyExistsException e) {
      return awaitOther(server, name);
    } catch (JMException e) {
      // No shared registry (should not happen): load for this deployment alone.
      return loader.get();
    }
    AccpStatus status;
    try {
      status = loader.get();
    } catch (RuntimeException | LinkageError e) {
      status = new AccpStatus.Unusable("ACCP did not load: " + e); // recorded, so later deployments do not wait
    }
    if (status instanceof AccpStatus.Usable usable) {
      LOG.info(() -> usable.provider().getName() + " " + usable.provider().getVersionStr()
          + " loaded into this JVM, once for every scepra deployment in it (" + OBJECT_NAME + ")");
    }
    slot.set(status instanceof AccpStatus.Usable usable ? usable.provider() : ((AccpStatus.Unusable) status).reason());
    return status;
  }

  /** What the first deployment found; it may still be loading (two deployments starting at once). */
  private static AccpStatus awaitOther(MBeanServer server, ObjectName name) {
    long deadline = System.nanoTime() + WAIT_NANOS;
    try {
      while (true) {
        Object value = server.invoke(name, "get", new Object[0], new String[0]);
        if (value instanceof java.security.Provider provider) {
          return new AccpStatus.Usable(provider);
        }
        if (value instanceof String reason) {
          return new AccpStatus.Unusable(reason);
        }
        if (System.nanoTime() > deadline) {
          return new AccpStatus.Unusable("another deployment in this JVM is still loading ACCP");
        }
        Thread.sleep(50);
      }
    } catch (JMException e) {
      return new AccpStatus.Unusable("cannot read " + OBJECT_NAME + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AccpStatus.Unusable("interrupted while waiting for another deployment to load ACCP");
    }
  }

  /** An MBean over an {@link AtomicReference}: JDK classes only, so it pins no deployment's class loader. */
  private static RequiredModelMBean holder(AtomicReference<Object> slot) throws JMException {
    Method get;
    try {
      get = AtomicReference.class.getMethod("get");
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    ModelMBeanOperationInfo operation =
        new ModelMBeanOperationInfo("ACCP's java.security.Provider, or why it is unusable", get);
    RequiredModelMBean mbean = new RequiredModelMBean(new ModelMBeanInfoSupport(AtomicReference.class.getName(),
        "Amazon Corretto Crypto Provider as loaded once for every scepra deployment in this JVM", null, null,
        new ModelMBeanOperationInfo[] {operation}, null));
    try {
      mbean.setManagedResource(slot, "ObjectReference");
    } catch (javax.management.modelmbean.InvalidTargetObjectTypeException e) {
      throw new IllegalStateException(e);
    }
    return mbean;
  }

  static ObjectName objectName() {
    try {
      return new ObjectName(OBJECT_NAME);
    } catch (javax.management.MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
  }
}
