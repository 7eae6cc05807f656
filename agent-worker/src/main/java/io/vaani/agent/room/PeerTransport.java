package io.vaani.agent.room;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One peer connection with the blocking offer/answer steps LiveKit's signalling needs. ICE candidates
 * are held back both ways until they can be used: remote ones until the remote description is set
 * (a peer may trickle before its answer arrives), local ones until our description has been signalled
 * (libwebrtc gathers as soon as the local description is set, before we have sent it).
 */
final class PeerTransport {

    /** What the room wants to hear about; called on libwebrtc's threads, so implementations must not block. */
    interface Events {
        void onConnectionChange(RTCPeerConnectionState state);

        default void onTrack(RTCRtpTransceiver transceiver) {
        }

        default void onDataChannel(RTCDataChannel channel) {
        }
    }

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    private final RTCPeerConnection connection;
    private final List<RTCIceCandidate> pendingCandidates = new ArrayList<>();
    private final List<RTCIceCandidate> unsignalledCandidates = new ArrayList<>();
    private final Consumer<RTCIceCandidate> trickle;
    private boolean remoteDescriptionSet;
    private boolean descriptionSignalled;

    PeerTransport(PeerConnectionFactory factory, RTCConfiguration configuration, Events events,
            Consumer<RTCIceCandidate> trickle) {
        this.trickle = trickle;
        this.connection = factory.createPeerConnection(configuration, new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
                localCandidate(candidate);
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                events.onConnectionChange(state);
            }

            @Override
            public void onTrack(RTCRtpTransceiver transceiver) {
                events.onTrack(transceiver);
            }

            @Override
            public void onDataChannel(RTCDataChannel channel) {
                events.onDataChannel(channel);
            }
        });
    }

    /** Our offer or answer went out: candidates gathered for it may follow. */
    void descriptionSignalled() {
        List<RTCIceCandidate> held;
        synchronized (unsignalledCandidates) {
            descriptionSignalled = true;
            held = List.copyOf(unsignalledCandidates);
            unsignalledCandidates.clear();
        }
        held.forEach(trickle);
    }

    private void localCandidate(RTCIceCandidate candidate) {
        synchronized (unsignalledCandidates) {
            if (!descriptionSignalled) {
                unsignalledCandidates.add(candidate);
                return;
            }
        }
        trickle.accept(candidate);
    }

    RTCPeerConnection connection() {
        return connection;
    }

    /** Creates an offer and sets it as the local description. */
    RTCSessionDescription offer() {
        RTCSessionDescription offer = await(create(true), "create offer");
        await(setDescription(offer, true), "set local offer");
        return offer;
    }

    /** Sets the remote offer, creates the answer and sets it as the local description. */
    RTCSessionDescription answer(String offerSdp) {
        setRemote(new RTCSessionDescription(RTCSdpType.OFFER, offerSdp));
        RTCSessionDescription answer = await(create(false), "create answer");
        await(setDescription(answer, true), "set local answer");
        return answer;
    }

    void setRemote(RTCSessionDescription description) {
        await(setDescription(description, false), "set remote " + description.sdpType);
        List<RTCIceCandidate> held;
        synchronized (pendingCandidates) {
            remoteDescriptionSet = true;
            held = List.copyOf(pendingCandidates);
            pendingCandidates.clear();
        }
        held.forEach(connection::addIceCandidate);
    }

    void addRemoteCandidate(RTCIceCandidate candidate) {
        synchronized (pendingCandidates) {
            if (!remoteDescriptionSet) {
                pendingCandidates.add(candidate);
                return;
            }
        }
        connection.addIceCandidate(candidate);
    }

    void close() {
        connection.close();
    }

    private CompletableFuture<RTCSessionDescription> create(boolean offer) {
        CompletableFuture<RTCSessionDescription> result = new CompletableFuture<>();
        CreateSessionDescriptionObserver observer = new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                result.complete(description);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new IllegalStateException(error));
            }
        };
        if (offer) {
            connection.createOffer(new RTCOfferOptions(), observer);
        } else {
            connection.createAnswer(new RTCAnswerOptions(), observer);
        }
        return result;
    }

    private CompletableFuture<Void> setDescription(RTCSessionDescription description, boolean local) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        SetSessionDescriptionObserver observer = new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                result.complete(null);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new IllegalStateException(error));
            }
        };
        if (local) {
            connection.setLocalDescription(description, observer);
        } else {
            connection.setRemoteDescription(description, observer);
        }
        return result;
    }

    private static <T> T await(CompletableFuture<T> step, String what) {
        try {
            return step.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }
}
