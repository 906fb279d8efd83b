import SpeechQueue
import Testing

@Suite struct WakeSignalTests {
    /// A tiny timeout's timer can fire before the wait has registered itself; the wait must still end
    /// (it hung forever before, which stalled `speakwell batch --workers 0` on its last long-poll).
    @Test(.timeLimit(.minutes(1))) func waitWhoseTimeoutFiresBeforeItIsRegisteredStillReturns() async {
        let signal = WakeSignal()
        for _ in 0..<5_000 { await signal.wait(timeout: .nanoseconds(1)) }
    }

    @Test(.timeLimit(.minutes(1))) func signalWakesAWaiterLongBeforeItsTimeout() async {
        let signal = WakeSignal()
        let started = ContinuousClock.now
        async let waited: Void = signal.wait(timeout: .seconds(30))
        try? await Task.sleep(for: .milliseconds(50))
        signal.signal()
        await waited
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}
