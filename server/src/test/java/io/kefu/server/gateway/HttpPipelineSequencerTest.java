package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sequencer on an {@link EmbeddedChannel}: the test plays the handlers behind it and answers by hand. */
class HttpPipelineSequencerTest {
    private final List<HttpObject> passed = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new HttpPipelineSequencer(),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    passed.add((HttpObject) msg);
                    ReferenceCountUtil.release(msg);
                }
            });

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private static DefaultFullHttpRequest get(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    private void answer(HttpResponseStatus status) {
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status));
        channel.runPendingTasks();
    }

    private List<String> uris() {
        return passed.stream().filter(o -> o instanceof HttpRequest).map(o -> ((HttpRequest) o).uri()).toList();
    }

    @Test
    void aRequestWaitsForTheAnswerToTheOneBeforeIt() {
        channel.writeInbound(get("/1"), get("/2"), get("/3"));

        assertThat(uris()).containsExactly("/1");
        assertThat(channel.config().isAutoRead()).isFalse();
        answer(HttpResponseStatus.OK);
        assertThat(uris()).containsExactly("/1", "/2");
        answer(HttpResponseStatus.OK);
        answer(HttpResponseStatus.OK);
        assertThat(uris()).containsExactly("/1", "/2", "/3");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aContinueIsNotTheAnswer() {
        channel.writeInbound(get("/1"), get("/2"));

        answer(HttpResponseStatus.CONTINUE);
        assertThat(uris()).containsExactly("/1");
        answer(HttpResponseStatus.OK);
        assertThat(uris()).containsExactly("/1", "/2");
    }

    @Test
    void theBodyOfTheRequestInProgressPassesAndTheNextRequestKeepsItsBody() {
        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/1"));
        channel.writeInbound(new DefaultHttpContent(Unpooled.copiedBuffer(new byte[] {1})),
                new DefaultLastHttpContent(), new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/2"));
        channel.writeInbound(new DefaultLastHttpContent());

        assertThat(passed).hasSize(3);
        answer(HttpResponseStatus.OK);
        assertThat(passed).hasSize(5);
        assertThat(uris()).containsExactly("/1", "/2");
    }
}
