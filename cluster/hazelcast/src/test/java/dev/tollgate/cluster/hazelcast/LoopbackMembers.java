package dev.tollgate.cluster.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Real Hazelcast members in this JVM that form one cluster on 127.0.0.1 as Payara's do on a
 * machine: multicast off, the members listed (tcp-ip), on ports found free, under a cluster name
 * of their own so that no other Hazelcast on the machine joins them.
 */
final class LoopbackMembers implements AutoCloseable {

    private final List<HazelcastInstance> members = new ArrayList<>();

    private LoopbackMembers() {
    }

    static LoopbackMembers start(int count) {
        String clusterName = "tollgate-test-" + UUID.randomUUID();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(freePort());
        }
        LoopbackMembers started = new LoopbackMembers();
        // started together: each waits for the others to join
        List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
        for (int port : ports) {
            Config config = config(clusterName, port, ports);
            starting.add(CompletableFuture.supplyAsync(() -> Hazelcast.newHazelcastInstance(config)));
        }
        starting.forEach(member -> started.members.add(member.join()));
        return started;
    }

    HazelcastInstance member(int index) {
        return members.get(index);
    }

    private static Config config(String clusterName, int port, List<Integer> ports) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.partition.count", "31");
        // expired entries are found (and their events sent) within a second rather than five
        config.setProperty("hazelcast.internal.map.expiration.task.period.seconds", "1");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        ports.forEach(p -> join.getTcpIpConfig().addMember("127.0.0.1:" + p));
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        members.forEach(member -> member.getLifecycleService().terminate());
    }
}
