package io.vaani.agent.call;

import java.util.concurrent.CompletableFuture;

/**
 * The agent before it has a voice pipeline: it joins, shows itself listening and holds the line
 * until the caller hangs up, the room ends or the job is ended.
 */
final class ListeningAgent implements Conversation {

    @Override
    public void run(Call call) throws Exception {
        call.state(Call.AgentState.LISTENING);
        CompletableFuture.anyOf(call.room().left(call.caller().identity()), call.room().disconnected().toCompletableFuture(),
                call.ending()).get();
    }
}
