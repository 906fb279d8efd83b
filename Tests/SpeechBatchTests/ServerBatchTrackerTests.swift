import Foundation
@testable import SpeechBatch
import Testing

/// The `--server` run's bookkeeping, driven event by event as the runner drives it, without a service.
@Suite struct ServerBatchTrackerTests {
    func tracker(upload: [String], awaiting: [String] = []) -> ServerBatchTracker {
        var group = ServerBatchPlan.Group(exercise: "e1")
        group.toUpload = upload.map { BatchItem(id: $0, audioPath: "/\($0).wav") }
        group.awaiting = awaiting
        return ServerBatchTracker(plan: ServerBatchPlan(groups: [group], refused: []), batchIDs: ["b1"])
    }

    @Test func everyItemEndsOnceWhetherAcceptedRefusedOrAwaitedFromAnEarlierRun() {
        var tracker = tracker(upload: ["a", "b", "c"], awaiting: ["z"])
        let first = [tracker.nextUpload()?.item.id, tracker.nextUpload()?.item.id]
        #expect(first == ["a", "b"])
        #expect(!tracker.isQuiet("b1"))
        tracker.accepted("a")
        tracker.refused("b")
        let rest = [tracker.nextUpload()?.item.id, tracker.nextUpload()?.item.id]
        #expect(rest == ["c", nil])
        tracker.accepted("c")
        #expect(tracker.isQuiet("b1"))
        // `finished` is mutating, so its answers are taken first and checked after.
        let answers = ["a", "a", "b", "unknown", "z"].map { tracker.finished($0) }
        #expect(answers == [true, false, false, false, true],
                "a counted once, a line seen twice recorded once, a refused item has no result to await, unknown ids ignored")
        #expect(!tracker.isFinished)
        let last = tracker.finished("c")
        #expect(last)
        #expect(tracker.isFinished)
        #expect(!tracker.needsPolling("b1"))
    }

    @Test func resultsAreFetchedInStepsNotOncePerItem() {
        var tracker = tracker(upload: (0..<100).map { "i\($0)" })
        while let (item, _) = tracker.nextUpload() { tracker.accepted(item.id) }
        // 100 awaited, a step is 5: 3 finished on the service is not worth reading 100 documents' worth yet.
        #expect(!tracker.shouldFetchResults("b1", unfinishedOnServer: 97, secondsSinceLastFetch: 1))
        #expect(tracker.shouldFetchResults("b1", unfinishedOnServer: 95, secondsSinceLastFetch: 1))
        #expect(tracker.shouldFetchResults("b1", unfinishedOnServer: 97, secondsSinceLastFetch: 31), "nobody waits long")
        #expect(!tracker.shouldFetchResults("b1", unfinishedOnServer: 100, secondsSinceLastFetch: 60), "nothing new there")
        #expect(tracker.shouldFetchResults("b1", unfinishedOnServer: 0, secondsSinceLastFetch: 0), "the tail")
    }

    @Test func aServiceFasterThanTheUploadsIsStillReadInSteps() {
        var tracker = tracker(upload: (0..<100).map { "i\($0)" })
        for _ in 0..<3 { if let (item, _) = tracker.nextUpload() { tracker.accepted(item.id) } }
        // 3 uploaded, all 3 finished there, 97 still to upload: not yet worth a read.
        #expect(!tracker.shouldFetchResults("b1", unfinishedOnServer: 0, secondsSinceLastFetch: 1))
        for _ in 0..<2 { if let (item, _) = tracker.nextUpload() { tracker.accepted(item.id) } }
        #expect(tracker.shouldFetchResults("b1", unfinishedOnServer: 0, secondsSinceLastFetch: 1))
    }

    @Test func itemsTheFinishedServiceHasNoResultForAreLost() {
        var tracker = tracker(upload: ["a", "b"])
        while let (item, _) = tracker.nextUpload() { tracker.accepted(item.id) }
        let finished = tracker.finished("a")
        let lost = tracker.lost(in: "b1")
        #expect(finished)
        #expect(lost == ["b"])
        #expect(tracker.isFinished)
    }
}
