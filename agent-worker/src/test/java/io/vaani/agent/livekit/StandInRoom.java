package io.vaani.agent.livekit;

import io.vaani.agent.audio.AudioFrame;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import livekit.LivekitModels.DisconnectReason;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.TrackInfo;
import livekit.LivekitModels.TrackSource;
import livekit.LivekitModels.TrackType;

/** A room of the stand-in, with an optional SIP caller whose microphone plays speech. */
public final class StandInRoom {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final String name;
    private final String sid;
    private final ParticipantInfo caller;
    private final List<StandInSession> sessions = new CopyOnWriteArrayList<>();
    private volatile boolean callerPresent;
    private volatile AudioFrame opening;

    StandInRoom(String name, String callerPhone) {
        int id = IDS.incrementAndGet();
        this.name = name;
        this.sid = "RM_standin" + id;
        this.callerPresent = callerPhone != null;
        this.caller = callerPhone == null ? null : ParticipantInfo.newBuilder()
                .setSid("PA_caller" + id)
                .setIdentity("sip_" + callerPhone)
                .setName("Caller " + callerPhone)
                .setKind(ParticipantInfo.Kind.SIP)
                .setState(ParticipantInfo.State.ACTIVE)
                .setVersion(1)
                .setJoinedAt(System.currentTimeMillis() / 1000)
                .putAttributes("sip.phoneNumber", callerPhone)
                .addTracks(TrackInfo.newBuilder().setSid("TR_caller" + id).setType(TrackType.AUDIO)
                        .setSource(TrackSource.MICROPHONE).setName("phone").setMimeType("audio/opus"))
                .build();
    }

    public String name() {
        return name;
    }

    public String sid() {
        return sid;
    }

    /** The caller's identity, e.g. {@code sip_+15551230000}. */
    public String callerIdentity() {
        return caller.getIdentity();
    }

    public String callerTrackSid() {
        return caller.getTracks(0).getSid();
    }

    ParticipantInfo caller() {
        return callerPresent ? caller : null;
    }

    void joined(StandInSession session) {
        sessions.add(session);
    }

    void left(StandInSession session) {
        sessions.remove(session);
    }

    /** What the caller says first, instead of the default sentence; silence when it says nothing (an empty frame). */
    public StandInRoom callerOpens(AudioFrame speech) {
        this.opening = speech;
        return this;
    }

    AudioFrame opening() {
        return opening;
    }

    /** The /rtc sessions open in this room, oldest first. */
    public List<StandInSession> sessions() {
        return List.copyOf(sessions);
    }

    /** The caller hangs up: every session gets a participant update with the caller disconnected. */
    public void callerLeaves() {
        callerPresent = false;
        ParticipantInfo gone = caller.toBuilder().setState(ParticipantInfo.State.DISCONNECTED).setVersion(2)
                .setDisconnectReason(DisconnectReason.CLIENT_INITIATED).build();
        sessions.forEach(session -> session.callerLeft(gone));
    }

    /** The room is deleted: every session is told to leave (ROOM_DELETED) and closed. */
    public void delete() {
        sessions.forEach(session -> session.leave(DisconnectReason.ROOM_DELETED));
    }

    Map<String, String> callerAttributes() {
        return caller.getAttributesMap();
    }
}
