import CSoxr

/// Streaming mono resampler around libsoxr at its "high quality" (20-bit) setting.
/// Made once per recording; `process` and `flush` append to a caller-owned array.
final class SoxrResampler {
    private let handle: soxr_t
    private let ratio: Double
    private var scratch: [Float]

    init(inputRateHz: Int, outputRateHz: Int) throws(DecodeError) {
        var error: soxr_error_t?
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        // One thread: workers already use every core, and per-core figures stay honest.
        var runtime = soxr_runtime_spec(1)
        guard let made = soxr_create(Double(inputRateHz), Double(outputRateHz), 1, &error, &io, &quality, &runtime),
              error == nil else {
            throw .unreadable("cannot resample from \(inputRateHz) Hz")
        }
        handle = made
        ratio = Double(outputRateHz) / Double(inputRateHz)
        scratch = []
    }

    deinit { soxr_delete(handle) }

    /// Resamples `input` and appends what soxr has ready to `output`.
    func process(_ input: UnsafeBufferPointer<Float>, appendingTo output: inout [Float]) {
        var consumed = 0
        while consumed < input.count {
            let capacity = Int(Double(input.count - consumed) * ratio) + 256
            if scratch.count < capacity { scratch = [Float](repeating: 0, count: capacity) }
            var inputDone = 0, outputDone = 0
            scratch.withUnsafeMutableBufferPointer { out in
                _ = soxr_process(handle, input.baseAddress! + consumed, input.count - consumed, &inputDone,
                                 out.baseAddress, capacity, &outputDone)
            }
            output.append(contentsOf: scratch[0..<outputDone])
            consumed += inputDone
            if inputDone == 0 && outputDone == 0 { break }
        }
    }

    /// Drains the filter's delay line at end of input.
    func flush(appendingTo output: inout [Float]) {
        if scratch.count < 4096 { scratch = [Float](repeating: 0, count: 4096) }
        while true {
            var outputDone = 0
            scratch.withUnsafeMutableBufferPointer { out in
                _ = soxr_process(handle, nil, 0, nil, out.baseAddress, out.count, &outputDone)
            }
            if outputDone == 0 { break }
            output.append(contentsOf: scratch[0..<outputDone])
        }
    }
}
