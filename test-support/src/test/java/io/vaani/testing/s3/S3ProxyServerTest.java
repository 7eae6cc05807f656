package io.vaani.testing.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The stand-in stores and serves objects, and refuses requests not signed with its key, as S3 does. */
class S3ProxyServerTest {

    @Test
    void storesAndServesObjectsSignedWithItsKey() {
        try (S3ProxyServer server = S3ProxyServer.start("recordings");
                S3Client s3 = client(server, S3ProxyServer.SECRET_KEY)) {
            s3.putObject(b -> b.bucket("recordings").key("mv/2026/11/24/1.ogg"), RequestBody.fromString("OggS"));

            assertThat(s3.getObjectAsBytes(b -> b.bucket("recordings").key("mv/2026/11/24/1.ogg")).asUtf8String()).isEqualTo("OggS");
        }
    }

    @Test
    void refusesAForgedSignature() {
        try (S3ProxyServer server = S3ProxyServer.start("recordings"); S3Client s3 = client(server, "wrong-secret")) {
            assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("recordings")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    private static S3Client client(S3ProxyServer server, String secret) {
        return S3Client.builder().endpointOverride(URI.create(server.endpoint())).region(Region.of(S3ProxyServer.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, secret)))
                .build();
    }
}
