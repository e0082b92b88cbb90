package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BoundedStoreExecutorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final BoundedStoreExecutor executor = new BoundedStoreExecutor("test-store", 1, 1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        executor.close();
    }

    @Test
    void a_task_runs_on_a_daemon_thread_named_after_the_executor() {
        CompletableFuture<Thread> ran = executor.submit(Thread::currentThread);

        assertThat(ran).succeedsWithin(WAIT).satisfies(t -> {
            assertThat(t.getName()).isEqualTo("test-store-1");
            assertThat(t.isDaemon()).isTrue();
        });
    }

    @Test
    void a_full_queue_fails_the_next_task_at_once_with_overloaded() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        executor.submit(() -> {
            started.countDown();
            return release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        });
        assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        CompletableFuture<String> queued = executor.submit(() -> "queued");

        CompletableFuture<String> rejected = executor.submit(() -> "never");

        assertThat(rejected).isCompletedExceptionally();
        assertThat(failureOf(rejected)).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(e).hasMessage("test-store queue is full (1 waiting, capacity 1)");
        });
        assertThat(executor.queueDepth()).isEqualTo(1);
        release.countDown();
        assertThat(queued).succeedsWithin(WAIT).isEqualTo("queued");
    }

    @Test
    void a_kefu_exception_fails_the_future_as_it_is() {
        KefuException thrown = KefuException.notFound("shop 's9' not found");

        CompletableFuture<Object> f = executor.submit(() -> {
            throw thrown;
        });

        assertThat(failureOf(f)).isSameAs(thrown);
    }

    @Test
    void an_sql_exception_becomes_internal_without_the_driver_message_of_a_data_error() {
        CompletableFuture<Object> direct = executor.submit(() -> {
            throw new SQLException("connection reset", "08006");
        });
        CompletableFuture<Object> wrapped = executor.submit(() -> {
            throw new StoreException("insert", new SQLException("Value too long: 'my secret'", "22001"));
        });

        assertThat(failureOf(direct)).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(e).hasMessage("database error (SQLState 08006)");
        });
        assertThat(failureOf(wrapped)).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(e).hasMessage("database error (SQLState 22001)");
            assertThat(e.getCause().getMessage()).doesNotContain("secret");
        });
    }

    @Test
    void any_other_exception_becomes_internal() {
        CompletableFuture<Object> f = executor.submit(() -> {
            throw new IllegalStateException("bug");
        });

        assertThat(failureOf(f)).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(e).hasMessage("test-store task failed: IllegalStateException");
        });
    }

    @Test
    void close_lets_queued_tasks_finish_then_refuses_new_ones() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> running = executor.submit(() -> {
            started.countDown();
            release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return "ran";
        });
        CompletableFuture<String> queued = executor.submit(() -> "queued too");
        assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        release.countDown();

        executor.close();

        assertThat(running).isCompletedWithValue("ran");
        assertThat(queued).isCompletedWithValue("queued too");
        assertThat(failureOf(executor.submit(() -> "late"))).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(e).hasMessage("test-store is shut down");
        });
    }

    private static KefuException failureOf(CompletableFuture<?> f) {
        assertThat(f).failsWithin(WAIT);
        Throwable cause = f.handle((v, e) -> e).join();
        assertThat(cause).isInstanceOf(KefuException.class);
        return (KefuException) cause;
    }
}
