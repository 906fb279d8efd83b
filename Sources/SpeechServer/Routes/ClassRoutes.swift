import Foundation
import Hummingbird

/// Classes for teachers and admins: listing, creating, enrolling students, the overview of submissions
/// (JSON and CSV export).
struct ClassRoutes {
    let environment: ServerEnvironment
    let access: AccessPolicy

    func register(on router: Router<SpeakwellContext>) {
        let api = router.group("api/v1")
        api.get("classes", use: list)
        api.post("classes", use: create)
        api.get("classes/:class", use: show)
        api.post("classes/:class/students", use: enroll)
        api.get("classes/:class/submissions", use: submissions)
        api.get("classes/:class/submissions.csv", use: csv)
    }

    @Sendable func list(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let user = try context.requireUser(.teacher, .admin)
        let classes = try await environment.store.classes(teacherID: user.role == .admin ? nil : user.id)
        return try JSONResponse.encode(["classes": classes])
    }

    struct NewClass: Decodable {
        let name: String
        let teacherID: String?
        enum CodingKeys: String, CodingKey { case name, teacherID = "teacher_id" }
    }

    /// `POST /api/v1/classes` with `{"name"}` (a teacher's own class) or `{"name","teacher_id"}` (admin).
    @Sendable func create(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let user = try context.requireUser(.teacher, .admin)
        let body = try await JSONBody.decode(NewClass.self, from: request)
        guard !body.name.isEmpty else { throw APIError.badRequest("name must not be empty") }
        var teacherID = user.id
        if user.role == .admin {
            guard let requested = body.teacherID, let teacher = try await environment.store.user(id: requested),
                  teacher.role == .teacher else {
                throw APIError.badRequest("teacher_id must name a user with the teacher role")
            }
            teacherID = teacher.id
        }
        let schoolClass = SchoolClass(name: body.name, teacherID: teacherID)
        try await environment.store.insertClass(schoolClass)
        return try JSONResponse.encode(schoolClass, status: .created, headers: [.location: "/api/v1/classes/\(schoolClass.id)"])
    }

    struct ClassDetail: Encodable {
        let schoolClass: SchoolClass
        let students: [User]
        let exercises: [ExerciseView]
        enum CodingKeys: String, CodingKey { case schoolClass = "class", students, exercises }
    }

    @Sendable func show(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let schoolClass = try await visibleClass(context)
        return try JSONResponse.encode(ClassDetail(
            schoolClass: schoolClass, students: try await environment.store.students(classID: schoolClass.id),
            exercises: try await environment.store.exercises(classIDs: [schoolClass.id]).map(ExerciseView.init)))
    }

    struct Enrollment: Decodable {
        let studentID: String
        enum CodingKeys: String, CodingKey { case studentID = "student_id" }
    }

    @Sendable func enroll(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let schoolClass = try await visibleClass(context)
        let body = try await JSONBody.decode(Enrollment.self, from: request)
        guard let student = try await environment.store.user(id: body.studentID), student.role == .student else {
            throw APIError.badRequest("student_id must name a user with the student role")
        }
        try await environment.store.enroll(studentID: student.id, classID: schoolClass.id)
        return JSONResponse.object(["class_id": schoolClass.id, "student_id": student.id], status: .created)
    }

    @Sendable func submissions(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let schoolClass = try await visibleClass(context)
        return try JSONResponse.encode(["submissions": try await ClassOverview.rows(of: schoolClass, environment: environment)])
    }

    /// `GET /api/v1/classes/{id}/submissions.csv`: the overview as CSV (RFC 4180), one row per submission.
    @Sendable func csv(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let schoolClass = try await visibleClass(context)
        let rows = try await ClassOverview.rows(of: schoolClass, environment: environment)
        let text = ([SubmissionSummary.csvHeader] + rows.map(\.csvFields)).map(CSV.line).joined()
        let filename = "class-\(schoolClass.id).csv"
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(filename)\""],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func visibleClass(_ context: SpeakwellContext) async throws -> SchoolClass {
        let user = try context.requireUser(.teacher, .admin)
        guard let schoolClass = try await access.visibleClass(try context.parameters.require("class"), for: user) else {
            throw APIError.notFound("class")
        }
        return schoolClass
    }
}
