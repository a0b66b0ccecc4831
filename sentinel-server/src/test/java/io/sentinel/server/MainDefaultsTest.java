package io.sentinel.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The JVM-wide defaults Main sets before anything else runs: frugal, and the user's -D always wins. */
class MainDefaultsTest {

    @Test
    void nettyDefaultsFillOnlyWhatIsUnset() {
        Properties props = new Properties();
        props.setProperty("io.netty.allocator.maxOrder", "9");
        Main.setDefaults(props, Main.NETTY_DEFAULTS);
        assertEquals("9", props.getProperty("io.netty.allocator.maxOrder"), "-Dio.netty.allocator.maxOrder=9 kept");
        assertEquals("1", props.getProperty("io.netty.allocator.numDirectArenas"));
        assertEquals("1", props.getProperty("io.netty.allocator.numHeapArenas"));
    }

    /**
     * Netty ignores a misspelt property: load its allocator afresh (own class loader) with our defaults set, and
     * read what it took. Other tests in this JVM have initialised the shared copy with Netty's own defaults.
     */
    @Test
    void nettyTakesOurDefaults() throws Exception {
        Properties saved = (Properties) System.getProperties().clone();
        URL[] cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(MainDefaultsTest::url).toArray(URL[]::new);
        try (URLClassLoader fresh = new URLClassLoader(cp, ClassLoader.getPlatformClassLoader())) {
            Main.NETTY_DEFAULTS.keySet().forEach(System::clearProperty);
            Main.setDefaults(System.getProperties(), Main.NETTY_DEFAULTS);
            Class<?> pooled = Class.forName("io.netty.buffer.PooledByteBufAllocator", true, fresh);
            assertEquals(7, pooled.getMethod("defaultMaxOrder").invoke(null));
            assertEquals(1, pooled.getMethod("defaultNumDirectArena").invoke(null));
            assertEquals(1, pooled.getMethod("defaultNumHeapArena").invoke(null));
            assertEquals(1 << 20, (int) pooled.getMethod("defaultPageSize").invoke(null) << 7, "1 MiB chunks");
        } finally {
            System.setProperties(saved);
        }
    }

    private static URL url(String path) {
        try {
            return new File(path).toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path, e);
        }
    }
}
