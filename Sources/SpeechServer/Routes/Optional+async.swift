/// `flatMap` for an async transform (a lookup by an optional id).
extension Optional {
    func flatMapAsync<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
