import SpeechBatch
import Testing

/// The `--server` rules for each answer (ServerRetryPolicy's doc comment), checked status by status.
@Suite struct ServerRetryPolicyTests {
    let policy = ServerRetryPolicy()

    func answer(_ status: Int, _ code: String? = nil, _ message: String? = nil) -> ServerRetryPolicy.Outcome {
        .answer(status: status, code: code, message: message)
    }

    @Test func refusedItemsFailWithTheServersCodeAndAreNotRetried() {
        #expect(policy.step(after: answer(422, "tooShort", "the recording lasts 0.2 s"), attempt: 1)
                == .itemFailed(code: "tooShort", message: "the recording lasts 0.2 s"))
        #expect(policy.step(after: answer(413, "payload_too_large", "too big"), attempt: 1)
                == .itemFailed(code: "payload_too_large", message: "too big"))
        #expect(policy.step(after: answer(415, "unsupported_media_type", "no"), attempt: 1)
                == .itemFailed(code: "unsupported_media_type", message: "no"))
        #expect(policy.step(after: answer(400, "bad_request", "bad id"), attempt: 1) == .itemFailed(code: "bad_request", message: "bad id"))
        // A body that is not the JSON error (a proxy's page) still gives a stable code.
        #expect(policy.step(after: answer(409), attempt: 1) == .itemFailed(code: "http_409", message: "HTTP 409"))
    }

    @Test func noAnswerAndBusyServersAreRetriedWithDoublingDelaysThenStopTheBatch() {
        let busy: [ServerRetryPolicy.Outcome] = [.noAnswer(reason: "connection refused"), answer(503, "not_ready", "db"),
                                                 answer(502), answer(504), answer(429)]
        for outcome in busy {
            var delays: [Double] = []
            var attempt = 1
            while case .retry(let seconds) = policy.step(after: outcome, attempt: attempt) {
                delays.append(seconds)
                attempt += 1
            }
            #expect(delays == [0.5, 1, 2, 4, 8], "\(outcome)")
            guard case .stop(.unreachable) = policy.step(after: outcome, attempt: attempt) else {
                Issue.record("\(outcome) must stop the batch after \(attempt) attempts")
                continue
            }
        }
    }

    @Test func internalErrorsAreRetriedThenFailOnlyTheItem() {
        #expect(policy.step(after: answer(500, "internal", "request id x"), attempt: 1) == .retry(afterSeconds: 0.5))
        #expect(policy.step(after: answer(500, "internal", "request id x"), attempt: policy.maximumAttempts)
                == .itemFailed(code: "internal", message: "request id x"))
    }

    @Test func tokenAndMissingBatchStopTheBatchAtOnce() {
        #expect(policy.step(after: answer(401, "unauthorized", "sign in"), attempt: 1) == .stop(.unauthorized))
        #expect(policy.step(after: answer(403, "forbidden", "a student may not do this"), attempt: 1)
                == .stop(.forbidden(message: "a student may not do this")))
        #expect(policy.step(after: answer(404, "not_found", "no batch"), attempt: 1) == .stop(.notFound))
        #expect(policy.step(after: answer(410, "exercise_deleted", "gone"), attempt: 1) == .stop(.gone(message: "gone")))
        #expect(policy.step(after: answer(202), attempt: 3) == .done)
    }
}
