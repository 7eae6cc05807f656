package io.vaani.testing.s3;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 server in this JVM: S3Proxy over an in-memory store, on a free port of 127.0.0.1,
 * checking AWS signatures (V2 and V4, pre-signed URLs included) against one access key.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "vaani-test-access";
    public static final String SECRET_KEY = "vaani-test-secret";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;

    private S3ProxyServer(String... buckets) throws Exception {
        TransientNio2BlobStore store = new TransientNio2BlobStore();
        for (String bucket : buckets) {
            store.createContainer(bucket);
        }
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
    }

    /** A started server holding the given (empty) buckets. */
    public static S3ProxyServer start(String... buckets) {
        try {
            return new S3ProxyServer(buckets);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
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
