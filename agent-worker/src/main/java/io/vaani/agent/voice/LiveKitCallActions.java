package io.vaani.agent.voice;

import io.livekit.server.RoomServiceClient;
import io.livekit.server.SipServiceClient;
import io.livekit.server.TransferSipParticipantOptions;
import io.vaani.agent.job.AgentJob;
import io.vaani.contracts.agent.AgentJobMetadata;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.messages.CallbackRequest;
import io.vaani.contracts.messages.OptOutRequest;
import io.vaani.contracts.messages.ScheduleRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jboss.logging.Logger;
import retrofit2.Response;

/**
 * The tools' effects for one call: callbacks and opt-outs go to the scheduler (which owns
 * prospects and the DNC lists); transfers and hang-ups go to LiveKit's API.
 */
final class LiveKitCallActions implements CallActions {
    private static final Logger LOG = Logger.getLogger(LiveKitCallActions.class);

    private final AgentJob job;
    private final String callerIdentity;
    private final RabbitConnection rabbit;
    private final RoomServiceClient rooms;
    private final SipServiceClient sip;
    private final Clock clock;

    LiveKitCallActions(AgentJob job, String callerIdentity, RabbitConnection rabbit, RoomServiceClient rooms, SipServiceClient sip,
            Clock clock) {
        this.job = job;
        this.callerIdentity = callerIdentity;
        this.rabbit = rabbit;
        this.rooms = rooms;
        this.sip = sip;
        this.clock = clock;
    }

    @Override
    public void scheduleCallback(LocalDateTime localTime, String zone, String note) {
        AgentJobMetadata call = job.metadata();
        rabbit.publish(new CallbackRequest(ScheduleRequest.VERSION, UUID.randomUUID(), call.workspaceId(), call.campaignId(),
                call.prospectId(), call.callLogId(), localTime, zone, note, clock.instant())).join();
    }

    @Override
    public void optOut() {
        AgentJobMetadata call = job.metadata();
        rabbit.publish(new OptOutRequest(ScheduleRequest.VERSION, UUID.randomUUID(), call.workspaceId(), call.phone(), call.callLogId(),
                "agent", clock.instant())).join();
    }

    @Override
    public void transfer(String number) throws IOException {
        Response<Void> response = sip.transferSipParticipant(job.roomName(), callerIdentity, "tel:" + number, new TransferSipParticipantOptions(false)).execute();
        if (!response.isSuccessful()) {
            throw new IOException("LiveKit refused the transfer: HTTP " + response.code());
        }
    }

    @Override
    public void hangUp() {
        try {
            Response<Void> response = rooms.deleteRoom(job.roomName()).execute();
            if (!response.isSuccessful() && response.code() != 404) {
                LOG.warnf("could not delete room %s to hang up: HTTP %d", job.roomName(), response.code());
            }
        } catch (IOException e) {
            LOG.warnf("could not delete room %s to hang up: %s", job.roomName(), e.getMessage());
        }
    }
}
