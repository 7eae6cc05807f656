package io.vaani.contracts.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who this process is: the owner written on every claim and lease it takes. Unique per process,
 * also when several replicas run on one host: {@code <service>@<host>#<random>}.
 */
public record Instance(String id) {

    public static Instance of(String service) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName(); // the pod name in Kubernetes
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return new Instance(service + "@" + host + "#" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24)));
    }

    @Override
    public String toString() {
        return id;
    }
}
