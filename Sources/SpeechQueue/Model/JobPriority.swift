/// How urgent a job is. Interactive practice (a student waiting for feedback) goes before batch scoring;
/// batch work still advances because priorities age (see `QueueConfiguration.headStart`).
public enum JobPriority: String, Sendable, Codable, CaseIterable {
    case interactive, batch
}
