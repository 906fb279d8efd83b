import Foundation
import PostgresNIO

extension PostgresSchoolStore {
    private static let batchColumns = "id, name, exercise_id, operator_id, created_at"
    private static let itemColumns = "batch_id, item_id, job_id, recording, duration_s, created_at"

    public func insertBatch(_ batch: Batch) async throws {
        try await client.query("""
            INSERT INTO school_batches (\(unescaped: Self.batchColumns))
            VALUES (\(batch.id), \(batch.name), \(batch.exerciseID), \(batch.operatorID), \(batch.createdAt.timeIntervalSince1970))
            """, logger: logger)
    }

    public func batch(id: String) async throws -> Batch? {
        try await batches(client.query("SELECT \(unescaped: Self.batchColumns) FROM school_batches WHERE id = \(id)", logger: logger)).first
    }

    public func batches(operatorID: String?) async throws -> [Batch] {
        if let operatorID {
            return try await batches(client.query("""
                SELECT \(unescaped: Self.batchColumns) FROM school_batches WHERE operator_id = \(operatorID)
                ORDER BY created_at DESC, id
                """, logger: logger))
        }
        return try await batches(client.query(
            "SELECT \(unescaped: Self.batchColumns) FROM school_batches ORDER BY created_at DESC, id", logger: logger))
    }

    public func insertBatchItem(_ item: BatchItem) async throws -> BatchItem {
        let inserted = try await items(client.query("""
            INSERT INTO school_batch_items (\(unescaped: Self.itemColumns))
            VALUES (\(item.batchID), \(item.itemID), \(item.jobID), \(item.recording), \(item.durationSeconds),
                    \(item.createdAt.timeIntervalSince1970))
            ON CONFLICT (batch_id, item_id) DO NOTHING
            RETURNING \(unescaped: Self.itemColumns)
            """, logger: logger))
        if let first = inserted.first { return first }
        // The item was uploaded before: return what was stored then.
        let existing = try await items(client.query("""
            SELECT \(unescaped: Self.itemColumns) FROM school_batch_items WHERE batch_id = \(item.batchID) AND item_id = \(item.itemID)
            """, logger: logger))
        guard let first = existing.first else { throw DatabaseLocationError(text: "batch item insert found neither new nor existing row") }
        return first
    }

    public func batchItems(batchID: String) async throws -> [BatchItem] {
        try await items(client.query("""
            SELECT \(unescaped: Self.itemColumns) FROM school_batch_items WHERE batch_id = \(batchID) ORDER BY created_at, item_id
            """, logger: logger))
    }

    public func batchTotals(batchID: String) async throws -> BatchTotals {
        let rows = try await client.query("""
            SELECT count(*), coalesce(sum(duration_s), 0) FROM school_batch_items WHERE batch_id = \(batchID)
            """, logger: logger)
        for try await (items, seconds) in rows.decode((Int64, Double).self) {
            return BatchTotals(items: Int(items), audioSeconds: seconds)
        }
        return BatchTotals(items: 0, audioSeconds: 0)
    }

    public func batchItems(batchID: String, afterSequence: Int64, limit: Int) async throws -> [(sequence: Int64, item: BatchItem)] {
        let rows = try await client.query("""
            SELECT sequence, \(unescaped: Self.itemColumns) FROM school_batch_items
            WHERE batch_id = \(batchID) AND sequence > \(afterSequence) ORDER BY sequence LIMIT \(limit)
            """, logger: logger)
        var page: [(sequence: Int64, item: BatchItem)] = []
        for try await (sequence, batch, item, job, recording, duration, created)
            in rows.decode((Int64, String, String, String, String, Double, Double).self) {
            page.append((sequence, BatchItem(batchID: batch, itemID: item, jobID: job, recording: recording,
                                             durationSeconds: duration, createdAt: Date(timeIntervalSince1970: created))))
        }
        return page
    }

    private func batches(_ rows: PostgresRowSequence) async throws -> [Batch] {
        var batches: [Batch] = []
        for try await (id, name, exercise, operatorID, created) in rows.decode((String, String, String, String, Double).self) {
            batches.append(Batch(id: id, name: name, exerciseID: exercise, operatorID: operatorID,
                                 createdAt: Date(timeIntervalSince1970: created)))
        }
        return batches
    }

    private func items(_ rows: PostgresRowSequence) async throws -> [BatchItem] {
        var items: [BatchItem] = []
        for try await (batch, item, job, recording, duration, created) in rows.decode((String, String, String, String, Double, Double).self) {
            items.append(BatchItem(batchID: batch, itemID: item, jobID: job, recording: recording, durationSeconds: duration,
                                   createdAt: Date(timeIntervalSince1970: created)))
        }
        return items
    }
}
