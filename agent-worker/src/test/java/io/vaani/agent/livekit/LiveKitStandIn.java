package io.vaani.agent.livekit;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.TimeUnit;

/** TEMPORARY: the /agent side only, until the room side lands. */
public final class LiveKitStandIn implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private volatile Handler<ServerWebSocket> agent = ws -> ws.reject(404);
    private HttpServer server;
    private int port;

    public static LiveKitStandIn start() throws Exception {
        LiveKitStandIn standIn = new LiveKitStandIn();
        standIn.listen(0);
        return standIn;
    }

    private void listen(int wanted) throws Exception {
        server = vertx.createHttpServer().webSocketHandler(ws -> {
            if (ws.path().equals("/agent")) {
                agent.handle(ws);
            } else {
                ws.reject(404);
            }
        }).listen(wanted, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    public void agentHandler(Handler<ServerWebSocket> handler) {
        this.agent = handler;
    }

    public String url() {
        return "ws://127.0.0.1:" + port;
    }

    public String apiKey() {
        return "APIstandin";
    }

    public String apiSecret() {
        return "standin-secret-standin-secret-standin-secret";
    }

    public void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public void restart() throws Exception {
        listen(port);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
