package gatehouse.deploy;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Run by {@link JvmSettingsTest} in a JVM of its own: threads write and read a file through heap buffers, as
 * H2 does on every commit and page read, then it prints the direct memory left behind. For I/O on a heap
 * buffer the JDK copies through a temporary direct buffer, which it keeps afterwards in a per-thread cache.
 */
public final class TemporaryBuffersProbe {
    static final int THREADS = 8;
    static final int BUFFER = 1 << 20;

    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("gatehouse-probe", ".bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            CountDownLatch done = new CountDownLatch(THREADS);
            CountDownLatch measured = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                long position = (long) i * BUFFER;
                Thread thread = new Thread(() -> {
                    try {
                        channel.write(ByteBuffer.allocate(BUFFER), position);
                        channel.read(ByteBuffer.allocate(BUFFER), position);
                        done.countDown();
                        // Alive, as a server's pool threads are: a thread's cache is freed when it ends.
                        measured.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            done.await();
            long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
            System.out.println("direct=" + direct);
            measured.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
        } finally {
            Files.delete(file);
        }
    }
}
