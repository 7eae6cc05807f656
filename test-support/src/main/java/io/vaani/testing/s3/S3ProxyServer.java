package io.vaani.testing.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 server: S3Proxy on 127.0.0.1, checking AWS signatures (V2 and V4, pre-signed URLs
 * included) against one access key. Tests start it in their JVM over an in-memory store; the
 * local stack (deploy/local/run.sh) runs {@link #main} over a directory.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "vaani-test-access";
    public static final String SECRET_KEY = "vaani-test-secret";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;

    private S3ProxyServer(BlobStore store, int port, String... buckets) throws Exception {
        for (String bucket : buckets) {
            if (!store.containerExists(bucket)) {
                store.createContainer(bucket);
            }
        }
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
    }

    /** A started server in memory, on a free port, holding the given (empty) buckets. */
    public static S3ProxyServer start(String... buckets) {
        try {
            return new S3ProxyServer(new TransientNio2BlobStore(), 0, buckets);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    /** {@code S3ProxyServer <port> <directory> <bucket>...}: objects kept as files under the directory, until killed. */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: S3ProxyServer <port> <directory> <bucket>...");
            System.exit(2);
        }
        Path directory = Files.createDirectories(Path.of(args[1]));
        new S3ProxyServer(new FilesystemNio2BlobStore(directory.toAbsolutePath().toString()), Integer.parseInt(args[0]),
                Arrays.copyOfRange(args, 2, args.length));
        System.out.printf("S3Proxy on http://127.0.0.1:%s, access key %s, objects in %s%n", args[0], ACCESS_KEY, directory);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
