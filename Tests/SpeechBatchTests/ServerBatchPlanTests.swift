import Foundation
@testable import SpeechBatch
import Testing

/// What `--server` mode sends, decided from the manifest, the ledger, the upload journal and the attachment.
@Suite struct ServerBatchPlanTests {
    func item(_ id: String, exercise: String? = nil, references: [String] = []) -> BatchItem {
        BatchItem(id: id, audioPath: "/audio/\(id).wav", referencePaths: references, exercise: exercise)
    }

    @Test func itemsAreGroupedByExerciseAndFinishedOrAcceptedOnesAreNotSentAgain() throws {
        let items = [item("a", exercise: "e1"), item("b", exercise: "e2"), item("c"), item("d", exercise: "e1"), item("e")]
        let plan = try ServerBatchPlan.make(items: items, finished: ["c"], accepted: ["d": "batch-1", "e": "batch-old"],
                                            batches: ["e1": "batch-1"], defaultExercise: "e1")
        #expect(plan.groups.map(\.exercise) == ["e1", "e2"])
        #expect(plan.groups[0].toUpload.map(\.id) == ["a", "e"], "e was accepted by another batch than e1's: sent again")
        #expect(plan.groups[0].awaiting == ["d"])
        #expect(plan.groups[1].toUpload.map(\.id) == ["b"])
        #expect(plan.refused.isEmpty)
    }

    @Test func referenceFilesAreRefusedBeforeAnythingIsSent() {
        let items = [item("a", exercise: "e1"), item("b", references: ["/ref.wav"]), item("c", references: ["/ref.wav"])]
        #expect(throws: BatchError.self) {
            try ServerBatchPlan.make(items: items, finished: [], accepted: [:], batches: [:], defaultExercise: "e1")
        }
        do {
            _ = try ServerBatchPlan.make(items: items, finished: [], accepted: [:], batches: [:], defaultExercise: "e1")
        } catch {
            #expect(error.code == "referencesNeedExercise")
            #expect(error.message.contains("\"b\" (and 1 more)"))
        }
        // Finished items are not looked at again.
        #expect((try? ServerBatchPlan.make(items: items, finished: ["b", "c"], accepted: [:], batches: [:], defaultExercise: nil)) != nil)
    }

    @Test func itemsWithoutAnExerciseNeedTheDefault() {
        do {
            _ = try ServerBatchPlan.make(items: [item("a"), item("b", exercise: "e1")], finished: [], accepted: [:], batches: [:],
                                         defaultExercise: nil)
            Issue.record("an item without an exercise must stop the plan")
        } catch {
            #expect(error.code == "noExercise")
        }
    }

    @Test func idsTheServiceWouldRefuseAreRefusedLocally() throws {
        let plan = try ServerBatchPlan.make(items: [item("ok-1.x_y"), item("has space"), item("a/b"), item(String(repeating: "x", count: 129))],
                                            finished: [], accepted: [:], batches: [:], defaultExercise: "e1")
        #expect(plan.groups.first?.toUpload.map(\.id) == ["ok-1.x_y"])
        #expect(plan.refused.map(\.code) == ["bad_request", "bad_request", "bad_request"])
    }
}
