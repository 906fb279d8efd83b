import ArgumentParser
import Foundation
import SpeechServer

/// `speakwell admin ...`: users, tokens, classes and exercises, straight in the database (no server needed).
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Create users, tokens, classes and exercises.",
        discussion: """
            Examples:
              speakwell admin create-user --name "Ana Lima" --role teacher
              speakwell admin create-token --user USER_ID
              speakwell admin create-class --name "7B English" --teacher USER_ID
              speakwell admin enroll --class CLASS_ID --student USER_ID
              speakwell admin create-exercise --class CLASS_ID --title "Fox" --text "The quick brown fox..." --reference model.wav
            Each prints the new id (or token) alone on stdout.
            """,
        subcommands: [CreateUser.self, CreateToken.self, CreateClass.self, Enroll.self, CreateExercise.self, ListUsers.self]
    )

    static func withEnvironment<T>(_ options: DatabaseOptions, _ body: (ServerEnvironment) async throws -> T) async throws -> T {
        var configuration = ServerConfiguration()
        options.apply(to: &configuration)
        let environment = try await ServerEnvironment.open(configuration)
        do {
            let value = try await body(environment)
            await environment.close()
            return value
        } catch {
            await environment.close()
            throw error
        }
    }

    struct CreateUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-user", abstract: "Create a user; prints its id.")
        @OptionGroup var storage: DatabaseOptions
        @Option(help: "Display name.") var name: String
        @Option(help: "student, teacher, operator or admin.") var role: String

        func validate() throws {
            guard Role(rawValue: role) != nil else { throw ValidationError("--role must be student, teacher, operator or admin") }
            guard !name.isEmpty else { throw ValidationError("--name must not be empty") }
        }

        func run() async throws {
            let user = User(name: name, role: Role(rawValue: role)!)
            try await AdminCommand.withEnvironment(storage) { try await $0.store.insertUser(user) }
            print(user.id)
        }
    }

    struct CreateToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-token", abstract: "Create a bearer token for a user; prints it (this once: only its hash is kept).")
        @OptionGroup var storage: DatabaseOptions
        @Option(help: "The user's id.") var user: String
        @Option(help: "A note saying what the token is for.") var label = "cli"

        func run() async throws {
            let token = TokenHasher.makeToken()
            try await AdminCommand.withEnvironment(storage) { environment in
                guard try await environment.store.user(id: user) != nil else { throw ValidationError("no user with id \(user)") }
                try await environment.store.insertToken(hash: TokenHasher.hash(token), userID: user, label: label)
            }
            print(token)
        }
    }

    struct CreateClass: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-class", abstract: "Create a class; prints its id.")
        @OptionGroup var storage: DatabaseOptions
        @Option(help: "Class name.") var name: String
        @Option(help: "The teacher's user id.") var teacher: String

        func run() async throws {
            let schoolClass = SchoolClass(name: name, teacherID: teacher)
            try await AdminCommand.withEnvironment(storage) { environment in
                guard let user = try await environment.store.user(id: teacher), user.role == .teacher else {
                    throw ValidationError("--teacher must name a user with the teacher role")
                }
                try await environment.store.insertClass(schoolClass)
            }
            print(schoolClass.id)
        }
    }

    struct Enroll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enroll", abstract: "Enroll a student in a class.")
        @OptionGroup var storage: DatabaseOptions
        @Option(name: .customLong("class"), help: "The class id.") var classID: String
        @Option(help: "The student's user id.") var student: String

        func run() async throws {
            try await AdminCommand.withEnvironment(storage) { environment in
                guard let user = try await environment.store.user(id: student), user.role == .student else {
                    throw ValidationError("--student must name a user with the student role")
                }
                guard try await environment.store.schoolClass(id: classID) != nil else { throw ValidationError("no class with id \(classID)") }
                try await environment.store.enroll(studentID: student, classID: classID)
            }
        }
    }

    struct CreateExercise: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-exercise",
            abstract: "Create an exercise with model recordings (word timings from NAME.words.json next to each); prints its id.")
        @OptionGroup var storage: DatabaseOptions
        @Option(name: .customLong("class"), help: "The class id.") var classID: String
        @Option(help: "Title shown to students.") var title: String
        @Option(help: "The prompt the student reads.") var text: String
        @Option(help: "A model recording (repeat for several speakers).") var reference: [String] = []

        func run() async throws {
            let id = try await AdminCommand.withEnvironment(storage) { environment in
                guard try await environment.store.schoolClass(id: classID) != nil else { throw ValidationError("no class with id \(classID)") }
                let exercise = try await ExerciseImport.make(classID: classID, title: title, promptText: text,
                                                             referenceFiles: reference.map { URL(fileURLWithPath: $0) },
                                                             environment: environment)
                try await environment.store.insertExercise(exercise)
                return exercise.id
            }
            print(id)
        }
    }

    struct ListUsers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-users", abstract: "List users: id, role, name.")
        @OptionGroup var storage: DatabaseOptions

        func run() async throws {
            let users = try await AdminCommand.withEnvironment(storage) { try await $0.store.users() }
            for user in users { print("\(user.id)\t\(user.role.rawValue)\t\(user.name)") }
        }
    }
}
