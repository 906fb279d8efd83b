/// What `--server` mode has to do for a manifest, worked out before anything is sent: which items are
/// already finished (in the ledger), which the service already accepted in an earlier run (in the upload
/// journal: only their results are awaited), which are still to upload, grouped by exercise (the service's
/// batch is for one exercise, so a manifest with several exercises becomes several service batches), and
/// which the service would refuse for their id alone.
struct ServerBatchPlan: Sendable, Equatable {
    struct Group: Sendable, Equatable {
        var exercise: String
        var toUpload: [BatchItem] = []
        /// Accepted by the service in an earlier run, not yet in the ledger.
        var awaiting: [String] = []
        var isEmpty: Bool { toUpload.isEmpty && awaiting.isEmpty }
    }

    struct Refusal: Sendable, Equatable {
        var id: String
        var code: String
        var message: String
    }

    /// In order of each exercise's first item in the manifest.
    var groups: [Group]
    var refused: [Refusal]

    /// Every unfinished item needs an exercise (its own `exercise`, else `defaultExercise`) and no reference
    /// files: a service scores against an exercise's model recordings. Either rule broken stops the plan before
    /// anything is uploaded, naming the first item; a batch half sent and half refused would help nobody.
    ///
    /// `accepted` maps item ids to the service batch that accepted them (the upload journal); `batches` maps
    /// exercises to this folder's service batches (the attachment). An item counts as accepted only by the
    /// batch it belongs to now.
    static func make(items: [BatchItem], finished: Set<String>, accepted: [String: String], batches: [String: String],
                     defaultExercise: String?) throws(BatchError) -> ServerBatchPlan {
        let pending = items.filter { !finished.contains($0.id) }
        let withReferences = pending.filter { !$0.referencePaths.isEmpty }
        if let first = withReferences.first { throw .referencesNeedExercise(item: first.id, count: withReferences.count) }
        let withoutExercise = pending.filter { ($0.exercise ?? defaultExercise)?.isEmpty != false }
        if let first = withoutExercise.first { throw .noExercise(item: first.id, count: withoutExercise.count) }

        var groups: [Group] = [], index: [String: Int] = [:], refused: [Refusal] = []
        for item in pending {
            guard isValidItemID(item.id) else {
                refused.append(Refusal(id: item.id, code: "bad_request", message: "a service takes item ids of 1 to 128 "
                    + "letters, digits, `.`, `_` or `-`; \"\(item.id.prefix(130))\" is not one (rename it in the manifest)"))
                continue
            }
            let exercise = (item.exercise ?? defaultExercise)!
            let position = index[exercise] ?? {
                groups.append(Group(exercise: exercise))
                index[exercise] = groups.count - 1
                return groups.count - 1
            }()
            if let batch = accepted[item.id], batch == batches[exercise] {
                groups[position].awaiting.append(item.id)
            } else {
                groups[position].toUpload.append(item)
            }
        }
        return ServerBatchPlan(groups: groups, refused: refused)
    }

    /// The service's rule for item ids (docs/api.md): they go into URLs, file names and CSV cells unescaped.
    /// Checked here so an id with a `/` or `?` is refused as the service would, not sent to another route.
    static func isValidItemID(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count) && id.utf8.allSatisfy {
            ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 46 || $0 == 95
        }
    }
}
