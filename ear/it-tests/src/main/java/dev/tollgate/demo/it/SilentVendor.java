package dev.tollgate.demo.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A vendor host that accepts connections on loopback, reads what it is sent and never answers,
 * as a vendor stuck behind a load balancer does. Closing it closes every connection.
 */
final class SilentVendor implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    SilentVendor(int port) {
        try {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        Thread acceptor = new Thread(this::acceptUntilClosed, "silent-vendor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptUntilClosed() {
        while (!server.isClosed()) {
            try {
                accepted.add(server.accept()); // kept open, never written to
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
