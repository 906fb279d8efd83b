import Foundation

/// A successful run: the result document (SPEC's JSON) as bytes, accepted only under a current lease.
public struct JobCompletion: Sendable, Hashable {
    public let lease: Lease
    public let result: Data
    public init(lease: Lease, result: Data) {
        self.lease = lease
        self.result = result
    }
}
