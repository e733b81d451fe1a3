package org.scepra.it;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The one deployment every integration test uses: the WAR built by {@code mvn package}, unchanged. */
public final class Deployments {

    private Deployments() {
    }

    /** target/scepra.war (failsafe system property {@code scepra.war}); deployed as-is, so the context root is "scepra". */
    public static WebArchive war() {
        String path = System.getProperty("scepra.war");
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("system property scepra.war is not set (run the ITs through failsafe)");
        }
        File war = new File(path);
        if (!war.isFile()) {
            throw new IllegalStateException(war + " does not exist: build the WAR first (mvn package)");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /**
     * Arquillian's URL with the host replaced by 127.0.0.1. Tests only ever send traffic to loopback, whatever
     * address the container adapter reports. The result always ends with '/', so relative paths resolve under it.
     */
    public static URL loopback(URL url) {
        try {
            String path = url.getPath().endsWith("/") ? url.getPath() : url.getPath() + "/";
            return new URL(url.getProtocol(), "127.0.0.1", url.getPort(), path);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
    }

    /** {@code base} (from {@link #loopback}) plus a relative path such as {@code scep/legacy}. */
    public static String resolve(URL base, String relative) {
        return loopback(base).toString() + relative;
    }
}
