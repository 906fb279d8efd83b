import Foundation
import GRDB

extension SQLiteSchoolStore {
    public func insertBatch(_ batch: Batch) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO school_batches (id, name, exercise_id, operator_id, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [batch.id, batch.name, batch.exerciseID, batch.operatorID, batch.createdAt.timeIntervalSince1970])
        }
    }

    public func batch(id: String) async throws -> Batch? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM school_batches WHERE id = ?", arguments: [id]).map(Self.batch(from:))
        }
    }

    public func batches(operatorID: String?) async throws -> [Batch] {
        try await pool.read { db in
            if let operatorID {
                return try Row.fetchAll(db, sql: "SELECT * FROM school_batches WHERE operator_id = ? ORDER BY created_at DESC, id",
                                        arguments: [operatorID]).map(Self.batch(from:))
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM school_batches ORDER BY created_at DESC, id").map(Self.batch(from:))
        }
    }

    public func insertBatchItem(_ item: BatchItem) async throws -> BatchItem {
        try await pool.write { db in
            if let existing = try Row.fetchOne(db, sql: "SELECT * FROM school_batch_items WHERE batch_id = ? AND item_id = ?",
                                               arguments: [item.batchID, item.itemID]) {
                return Self.batchItem(from: existing)
            }
            try db.execute(sql: """
                INSERT INTO school_batch_items (batch_id, item_id, job_id, recording, duration_s, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [item.batchID, item.itemID, item.jobID, item.recording, item.durationSeconds,
                                 item.createdAt.timeIntervalSince1970])
            return item
        }
    }

    public func batchItems(batchID: String) async throws -> [BatchItem] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM school_batch_items WHERE batch_id = ? ORDER BY created_at, item_id",
                             arguments: [batchID]).map(Self.batchItem(from:))
        }
    }

    public func batchTotals(batchID: String) async throws -> BatchTotals {
        try await pool.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*), total(duration_s) FROM school_batch_items WHERE batch_id = ?",
                                       arguments: [batchID])
            return BatchTotals(items: row?[0] ?? 0, audioSeconds: row?[1] ?? 0)
        }
    }

    public func batchItems(batchID: String, afterSequence: Int64, limit: Int) async throws -> [(sequence: Int64, item: BatchItem)] {
        // The rowid is the upload sequence: SQLite gives each insert a larger one (items are never deleted).
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT rowid AS sequence, * FROM school_batch_items WHERE batch_id = ? AND rowid > ? ORDER BY rowid LIMIT ?
                """, arguments: [batchID, afterSequence, limit]).map { (sequence: $0["sequence"], item: Self.batchItem(from: $0)) }
        }
    }

    static func batch(from row: Row) -> Batch {
        Batch(id: row["id"], name: row["name"], exerciseID: row["exercise_id"], operatorID: row["operator_id"],
              createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    static func batchItem(from row: Row) -> BatchItem {
        BatchItem(batchID: row["batch_id"], itemID: row["item_id"], jobID: row["job_id"], recording: row["recording"],
                  durationSeconds: row["duration_s"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}
