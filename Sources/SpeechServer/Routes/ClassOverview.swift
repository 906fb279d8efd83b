/// The rows of a class overview, newest first, shared by the JSON, CSV and HTML views.
enum ClassOverview {
    static func rows(of schoolClass: SchoolClass, environment: ServerEnvironment) async throws -> [SubmissionSummary] {
        let store = environment.store
        let names = Dictionary(try await store.students(classID: schoolClass.id).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let titles = Dictionary(try await store.exercises(classIDs: [schoolClass.id]).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let desk = SubmissionDesk(environment: environment)
        var rows: [SubmissionSummary] = []
        for submission in try await store.submissions(classID: schoolClass.id) {
            rows.append(SubmissionSummary(submission, job: try await desk.job(of: submission),
                                          studentName: names[submission.studentID] ?? submission.studentID,
                                          exerciseTitle: titles[submission.exerciseID] ?? submission.exerciseID))
        }
        return rows
    }
}
