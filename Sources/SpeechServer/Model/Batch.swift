import Foundation

/// An operator's batch: many recordings of one exercise (a sitting's speaking task), analysed at batch
/// priority so students practising at the same time go first.
public struct Batch: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var exerciseID: String
    public var operatorID: String
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, exerciseID = "exercise_id", operatorID = "operator_id", createdAt = "created_at"
    }

    public init(id: String = Identifier.make(), name: String, exerciseID: String, operatorID: String, createdAt: Date = Date()) {
        self.id = id
        self.name = name
        self.exerciseID = exerciseID
        self.operatorID = operatorID
        self.createdAt = createdAt
    }
}
