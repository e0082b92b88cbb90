package io.kefu.client;

import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.ConvQueued;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Msg;
import io.kefu.protocol.OkResult.HelloResult;
import io.kefu.protocol.Read;
import io.kefu.protocol.Survey;
import io.kefu.protocol.Typing;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Records what a client's listener is told, in order, for assertions from the test thread. */
final class RecordingListener implements KefuListener {
    final List<Msg> messages = new CopyOnWriteArrayList<>();
    final List<Frame> pushes = new CopyOnWriteArrayList<>();
    final List<HelloResult> connects = new CopyOnWriteArrayList<>();
    final List<String> disconnects = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    /** The seqs delivered for {@code conv}, in delivery order. */
    List<Long> seqs(String conv) {
        return messages.stream().filter(m -> m.conv().equals(conv)).map(Msg::seq).collect(Collectors.toList());
    }

    @Override
    public void onMessage(Msg msg) {
        threads.add(Thread.currentThread().getName());
        messages.add(msg);
    }

    @Override
    public void onQueued(ConvQueued queued) {
        pushes.add(queued);
    }

    @Override
    public void onAssigned(ConvAssigned assigned) {
        pushes.add(assigned);
    }

    @Override
    public void onTransferred(ConvTransferred transferred) {
        pushes.add(transferred);
    }

    @Override
    public void onClosed(ConvClosed closed) {
        pushes.add(closed);
    }

    @Override
    public void onSurvey(Survey survey) {
        pushes.add(survey);
    }

    @Override
    public void onRead(Read read) {
        pushes.add(read);
    }

    @Override
    public void onTyping(Typing typing) {
        pushes.add(typing);
    }

    @Override
    public void onConnected(HelloResult hello) {
        connects.add(hello);
    }

    /** Recorded as {@code "code reason"}. */
    @Override
    public void onDisconnected(int closeCode, String reason) {
        disconnects.add(closeCode + " " + reason);
    }

    @Override
    public void onPush(Frame frame) {
        pushes.add(frame);
    }
}
