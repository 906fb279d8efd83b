/// What `--server` mode does with each answer to an item upload or a poll: a pure decision, so the rules
/// below are tested without a server (`ServerRetryPolicyTests`).
///
/// - 2xx: done.
/// - No answer (connection refused or reset, timeout), 429, 502, 503, 504: the service is busy, restarting or
///   behind a proxy that lost it; try again after 0.5, 1, 2, 4, 8 s (about 15 s in all), then stop the batch
///   (`serverUnreachable`): every item would fail the same way, and a rerun continues where it stopped.
/// - 500: retried the same way, and then the item fails with the server's code (`internal`,
///   `analysis_failed`): the service answers, so it is this item that breaks it.
/// - 401, 403: the token; stop. 404 of an upload or a poll: the batch is gone for this token; stop.
///   410 (`exercise_deleted`): stop, every item would get it.
/// - Any other 4xx (400 `bad_request`, 413 `payload_too_large`, 415 `unsupported_media_type`, 422 with the
///   decoding error's code such as `tooShort`): the item is refused; it fails with the server's code and
///   message, and the batch goes on.
public struct ServerRetryPolicy: Sendable {
    public var maximumAttempts = 6
    public var firstDelaySeconds = 0.5
    public var maximumDelaySeconds = 8.0

    public init() {}

    public enum Outcome: Sendable {
        case answer(status: Int, code: String?, message: String?)
        case noAnswer(reason: String)
    }

    public enum Step: Sendable, Equatable {
        case done
        case retry(afterSeconds: Double)
        /// The item fails with this code and message; the batch goes on.
        case itemFailed(code: String, message: String)
        case stop(Stop)
    }

    /// Why the whole batch stops.
    public enum Stop: Sendable, Equatable {
        case unreachable(reason: String)
        case unauthorized
        case forbidden(message: String)
        case notFound
        case gone(message: String)
    }

    /// The step after `attempt` (1-based) ended with `outcome`.
    public func step(after outcome: Outcome, attempt: Int) -> Step {
        switch outcome {
        case .noAnswer(let reason):
            return retryOr(attempt, .stop(.unreachable(reason: reason)))
        case .answer(let status, let code, let message):
            let detail = message ?? "HTTP \(status)"
            switch status {
            case 200..<300: return .done
            case 401: return .stop(.unauthorized)
            case 403: return .stop(.forbidden(message: detail))
            case 404: return .stop(.notFound)
            case 410: return .stop(.gone(message: detail))
            case 429, 502, 503, 504:
                return retryOr(attempt, .stop(.unreachable(reason: "HTTP \(status) \(code ?? ""): \(detail)")))
            case 500..<600:
                return retryOr(attempt, .itemFailed(code: code ?? "http_\(status)", message: detail))
            default:
                return .itemFailed(code: code ?? "http_\(status)", message: detail)
            }
        }
    }

    /// Seconds before attempt `attempt + 1`: doubling from `firstDelaySeconds`, at most `maximumDelaySeconds`.
    public func delaySeconds(afterAttempt attempt: Int) -> Double {
        min(maximumDelaySeconds, firstDelaySeconds * Double(1 << min(max(attempt - 1, 0), 20)))
    }

    private func retryOr(_ attempt: Int, _ final: Step) -> Step {
        attempt < maximumAttempts ? .retry(afterSeconds: delaySeconds(afterAttempt: attempt)) : final
    }
}
