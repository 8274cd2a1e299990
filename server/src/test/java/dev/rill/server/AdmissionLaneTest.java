package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtspMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdmissionLaneTest {

    private static final long LIMIT = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long LONG_WAIT = TimeUnit.MINUTES.toNanos(5);

    private final AtomicLong lag = new AtomicLong();

    @Test
    void onTimeSendersLetEveryRequestThroughAtOnce() {
        AdmissionLane lane = new AdmissionLane(lag::get, LIMIT, LONG_WAIT);
        lag.set(LIMIT);
        List<AdmissionLane.Pass> passes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            passes.add(lane.enter(RtspMethod.SETUP)); // would block from the second on if queued
        }
        passes.forEach(AdmissionLane.Pass::close);
        assertEquals(0, lane.queued());
    }

    @Test
    void lateSendersServeRequestsOneAtATimeInArrivalOrder() throws InterruptedException {
        AdmissionLane lane = new AdmissionLane(lag::get, LIMIT, LONG_WAIT);
        lag.set(LIMIT + 1);
        AdmissionLane.Pass first = lane.enter(RtspMethod.DESCRIBE);
        List<String> served = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> waiting = new ArrayList<>();
        for (String name : List.of("setup", "play")) {
            RtspMethod method = name.equals("setup") ? RtspMethod.SETUP : RtspMethod.PLAY;
            int ahead = waiting.size();
            waiting.add(Thread.ofVirtual().start(() -> {
                try (AdmissionLane.Pass pass = lane.enter(method)) {
                    served.add(name);
                }
            }));
            await().atMost(Duration.ofSeconds(30)).until(() -> lane.queued() == ahead + 1);
        }
        assertTrue(served.isEmpty(), "nobody passes while the lane is held");
        first.close();
        for (Thread t : waiting) {
            assertTrue(t.join(Duration.ofSeconds(30)), "a queued request is served once the one ahead is answered");
        }
        assertEquals(List.of("setup", "play"), served);
    }

    @Test
    void keepAlivesAndRequestsThatRemoveWorkNeverQueue() {
        AdmissionLane lane = new AdmissionLane(lag::get, LIMIT, LONG_WAIT);
        lag.set(TimeUnit.SECONDS.toNanos(3));
        try (AdmissionLane.Pass held = lane.enter(RtspMethod.PLAY)) {
            for (RtspMethod m : List.of(RtspMethod.TEARDOWN, RtspMethod.PAUSE, RtspMethod.GET_PARAMETER,
                    RtspMethod.SET_PARAMETER, RtspMethod.OPTIONS)) {
                lane.enter(m).close(); // returns while the lane is held
            }
            assertEquals(0, lane.queued());
        }
    }

    @Test
    void aRequestQueuesNoLongerThanTheLimitThenIsServedAnyway() throws InterruptedException {
        AdmissionLane lane = new AdmissionLane(lag::get, LIMIT, TimeUnit.MILLISECONDS.toNanos(50));
        lag.set(TimeUnit.SECONDS.toNanos(3));
        AdmissionLane.Pass held = lane.enter(RtspMethod.SETUP);
        CountDownLatch served = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try (AdmissionLane.Pass pass = lane.enter(RtspMethod.SETUP)) {
                served.countDown();
            }
        });
        assertTrue(served.await(30, TimeUnit.SECONDS), "served after its wait ran out, the lane still held");
        held.close();
    }

    @Test
    void aPassIsGivenBackOnceHoweverOftenItIsClosed() {
        AdmissionLane lane = new AdmissionLane(lag::get, LIMIT, LONG_WAIT);
        lag.set(TimeUnit.SECONDS.toNanos(1));
        AdmissionLane.Pass pass = lane.enter(RtspMethod.SETUP);
        pass.close();
        pass.close();
        AdmissionLane.Pass next = lane.enter(RtspMethod.SETUP);
        Thread third = Thread.ofVirtual().start(() -> lane.enter(RtspMethod.SETUP).close());
        // Closed twice but given back once: the third waits behind the second.
        await().atMost(Duration.ofSeconds(30)).until(() -> lane.queued() == 1);
        next.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> !third.isAlive());
    }
}
