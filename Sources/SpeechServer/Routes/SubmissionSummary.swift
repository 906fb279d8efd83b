import Foundation
import SpeechAnalysis
import SpeechQueue

/// One row of a class overview (JSON, CSV and the HTML table): who, which exercise, when, and the
/// headline figures of the result when there is one. Absent sections leave their columns empty.
struct SubmissionSummary: Encodable {
    let submissionID: String
    let studentID: String
    let studentName: String
    let exerciseID: String
    let exerciseTitle: String
    let createdAt: Date
    let state: String
    let durationSeconds: Double
    let overall: Double?
    let accuracy: Double?
    let speechRate: Double?
    let articulationRate: Double?
    let pauseCount: Int?
    let longPauseCount: Int?
    let medianPitchHz: Double?
    let errorCode: String?

    enum CodingKeys: String, CodingKey {
        case submissionID = "submission_id", studentID = "student_id", studentName = "student_name"
        case exerciseID = "exercise_id", exerciseTitle = "exercise_title", createdAt = "created_at", state
        case durationSeconds = "duration_s", overall, accuracy, speechRate = "speech_rate_sps"
        case articulationRate = "articulation_rate_sps", pauseCount = "pause_count", longPauseCount = "long_pause_count"
        case medianPitchHz = "median_f0_hz", errorCode = "error_code"
    }

    init(_ submission: Submission, job: JobRecord?, studentName: String, exerciseTitle: String) {
        submissionID = submission.id
        studentID = submission.studentID
        self.studentName = studentName
        exerciseID = submission.exerciseID
        self.exerciseTitle = exerciseTitle
        createdAt = submission.createdAt
        state = job?.state.rawValue ?? (submission.jobID == nil ? "queued" : "pruned")
        durationSeconds = submission.durationSeconds
        let document = job?.result.flatMap { try? ResultDocument.decode(json: $0) }
        overall = document?.pronunciation?.overall
        accuracy = document?.pronunciation?.accuracy
        speechRate = document?.fluency?.speechRateSyllablesPerSecond
        articulationRate = document?.fluency?.articulationRateSyllablesPerSecond
        pauseCount = document?.speech?.pauses.count
        longPauseCount = document?.fluency?.longPauseCount
        medianPitchHz = document?.pitch?.summary.medianHz
        errorCode = job?.state == .succeeded ? nil : job?.lastError?.code
    }

    static let csvHeader = ["submission_id", "student_id", "student_name", "exercise_id", "exercise_title", "created_at",
                            "state", "duration_s", "overall", "accuracy", "speech_rate_sps", "articulation_rate_sps",
                            "pause_count", "long_pause_count", "median_f0_hz", "error_code"]

    var csvFields: [String] {
        func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "" }
        return [submissionID, studentID, studentName, exerciseID, exerciseTitle,
                createdAt.formatted(.iso8601), state, number(durationSeconds), number(overall), number(accuracy),
                number(speechRate), number(articulationRate), pauseCount.map(String.init) ?? "",
                longPauseCount.map(String.init) ?? "", number(medianPitchHz), errorCode ?? ""]
    }
}
