package dev.augur.predictor.storage;

import dev.augur.predictor.config.PredictorConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code s3://bucket/key}: a key names one object (one file); a prefix ({@code s3://bucket/models/iris/}, or a key
 * that is no object) downloads every object below it with relative paths preserved. AWS SDK v2 over the JDK's
 * URLConnection, with an endpoint override and path-style access for S3-compatible stores. The client is built on
 * first use, so a server without s3:// models never looks for credentials.
 */
final class S3Storage implements Storage, AutoCloseable {
    private final PredictorConfig.Storage config;
    private S3Client client;

    S3Storage(PredictorConfig.Storage config) {
        this.config = config;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    private synchronized S3Client client() {
        if (client == null) {
            PredictorConfig.S3 s3 = config.s3();
            AwsCredentialsProvider credentials = s3.accessKeyId().isPresent() && s3.secretAccessKey().isPresent()
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKeyId().get(),
                            s3.secretAccessKey().get()))
                    : DefaultCredentialsProvider.builder().build();
            S3ClientBuilder b = S3Client.builder()
                    .region(Region.of(s3.region()))
                    .credentialsProvider(credentials)
                    .httpClientBuilder(UrlConnectionHttpClient.builder()
                            .connectionTimeout(config.connectTimeout()))
                    .overrideConfiguration(o -> o.apiCallTimeout(config.downloadTimeout()))
                    .forcePathStyle(s3.pathStyle().orElse(s3.endpoint().isPresent()));
            s3.endpoint().ifPresent(b::endpointOverride);
            client = b.build();
        }
        return client;
    }

    @Override
    public void download(URI uri, Path target) throws IOException {
        String bucket = uri.getAuthority();
        if (bucket == null || bucket.isEmpty()) {
            throw new StorageException("no bucket in the URI; expected s3://bucket/key or s3://bucket/prefix/");
        }
        String key = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        try {
            List<String> keys = new ArrayList<>();
            client().listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(key).build())
                    .contents().stream().map(S3Object::key).forEach(keys::add);
            if (!key.isEmpty() && !key.endsWith("/") && keys.contains(key)) {
                fetch(bucket, key, SafePaths.resolve(target, key.substring(key.lastIndexOf('/') + 1)));
                return;
            }
            String prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
            int files = 0;
            for (String k : keys) {
                if (k.startsWith(prefix) && !k.endsWith("/")) {
                    fetch(bucket, k, SafePaths.resolve(target, k.substring(prefix.length())));
                    files++;
                }
            }
            if (files == 0) {
                throw new StorageException("no objects under s3://" + bucket + "/" + key);
            }
        } catch (NoSuchBucketException e) {
            throw new StorageException("no bucket '" + bucket + "'", e);
        } catch (S3Exception e) {
            String detail = e.awsErrorDetails() == null ? Archives.describe(e)
                    : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
            throw new StorageException("S3 answered HTTP " + e.statusCode() + " (" + detail + ")", e);
        } catch (SdkException e) {
            throw new StorageException(Archives.describe(e), e);
        }
    }

    private void fetch(String bucket, String key, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        client().getObject(r -> r.bucket(bucket).key(key), ResponseTransformer.toFile(file));
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
