package io.vaani.agent.livekit;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Blocking offer/answer steps for the stand-in's own peer connections. */
final class Sdp {

    private Sdp() {
    }

    static RTCSessionDescription offer(RTCPeerConnection connection) {
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        connection.createOffer(new RTCOfferOptions(), observer(created));
        RTCSessionDescription offer = await(created);
        setLocal(connection, offer);
        return offer;
    }

    static RTCSessionDescription answer(RTCPeerConnection connection, String offerSdp) {
        setRemote(connection, new RTCSessionDescription(RTCSdpType.OFFER, offerSdp));
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        connection.createAnswer(new RTCAnswerOptions(), observer(created));
        RTCSessionDescription answer = await(created);
        setLocal(connection, answer);
        return answer;
    }

    static void setLocal(RTCPeerConnection connection, RTCSessionDescription description) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.setLocalDescription(description, setObserver(done));
        await(done);
    }

    static void setRemote(RTCPeerConnection connection, RTCSessionDescription description) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.setRemoteDescription(description, setObserver(done));
        await(done);
    }

    private static CreateSessionDescriptionObserver observer(CompletableFuture<RTCSessionDescription> result) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                result.complete(description);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private static SetSessionDescriptionObserver setObserver(CompletableFuture<Void> result) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                result.complete(null);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private static <T> T await(CompletableFuture<T> step) {
        try {
            return step.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("SDP step failed: " + e.getMessage(), e);
        }
    }
}
