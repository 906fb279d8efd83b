import Foundation
@testable import SpeechServer
import SpeechQueue
import Testing

/// The results cursor without a server: every item's result exactly once, in upload order, however the items
/// finish between polls; typed errors for a bad cursor or limit.
@Suite struct BatchResultsCursorTests {
    static func job(_ state: JobState) -> JobRecord {
        let t = QueueTime(microseconds: 0)
        return JobRecord(id: JobID(), idempotencyKey: nil, priority: .batch, state: state, payload: Data(), metadata: [:],
                         attempts: 1, maxAttempts: 3, leaseToken: LeaseToken(rawValue: 1), leaseExpiresAt: nil, runAt: t,
                         sortKey: 0, lastError: state == .failed ? JobErrorInfo(code: "tooShort", message: "too short") : nil,
                         result: state == .succeeded ? Data(#"{"schema":"speakwell.result/1"}"#.utf8) : nil,
                         createdAt: t, updatedAt: t, startedAt: nil, finishedAt: nil)
    }

    /// One poll over items 1...n (upload sequences 10, 20, ...) whose states `state(i)` gives; the item ids returned.
    static func poll(after: Int64, limit: Int, count: Int, state: (Int) -> JobState?) throws -> (ids: [String], cursor: BatchResultsCursor) {
        var cursor = try #require(try BatchResultsCursor(after: String(after), limit: String(limit)))
        var ids = [String]()
        for i in 1...count where Int64(i * 10) > after {
            guard cursor.itemsWanted > 0 else { break }
            let job = state(i).map(Self.job)
            if let line = cursor.take(sequence: Int64(i * 10), item: "item-\(i)", job: job) {
                let document = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
                ids.append(try #require(document["id"] as? String))
            }
        }
        cursor.storeExhausted()
        return (ids, cursor)
    }

    @Test func pollsWhileItemsFinishOutOfOrderReturnEachResultOnce() throws {
        // Item i finishes at poll finishAt[i]; items 3 and 6 finish late, item 5 was pruned, item 7 failed.
        let finishAt = [1: 0, 2: 0, 3: 2, 4: 0, 5: 0, 6: 4, 7: 1, 8: 1]
        var seen = [String](), after: Int64 = 0, states = [String]()
        for pollIndex in 0..<6 {
            let (ids, cursor) = try Self.poll(after: after, limit: 3, count: 8) { i in
                if i == 5 { return nil }
                guard pollIndex >= finishAt[i]! else { return i % 2 == 0 ? .running : .queued }
                return i == 7 ? .failed : .succeeded
            }
            seen += ids
            after = cursor.position
            states.append(cursor.state!.rawValue)
        }
        #expect(seen == ["item-1", "item-2", "item-3", "item-4", "item-6", "item-7", "item-8"])
        #expect(states == ["waiting", "waiting", "waiting", "waiting", "more", "end"])
        #expect(after == 80, "the cursor passes the pruned item and ends on the last one")
    }

    @Test func aPageStopsAtTheFirstUnfinishedItemEvenWhenLaterOnesAreDone() throws {
        let (ids, cursor) = try Self.poll(after: 0, limit: 100, count: 4) { $0 == 2 ? .running : .succeeded }
        #expect(ids == ["item-1"])
        #expect(cursor.position == 10 && cursor.state == .waiting)
    }

    @Test func noParametersMeansTheWholeListingAndBadOnesAreTypedErrors() throws {
        #expect(try BatchResultsCursor(after: nil, limit: nil) == nil)
        #expect(try BatchResultsCursor(after: nil, limit: "5")?.position == 0)
        #expect(try BatchResultsCursor(after: "7", limit: nil)?.limit == BatchResultsCursor.defaultLimit)
        for (after, limit) in [("-1", "5"), ("abc", "5"), ("0", "0"), ("0", "501"), ("0", "ten")] {
            #expect(throws: APIError.self) { try BatchResultsCursor(after: after, limit: limit) }
        }
    }
}
