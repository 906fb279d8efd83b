/// Brings samples already in memory (e.g. synthesised speech) to the 16 kHz analysis rate with the
/// same libsoxr HQ resampler the decoder uses.
public enum Resampling {
    /// - Parameters:
    ///   - samples: mono samples, full scale +-1.
    ///   - rateHz: their rate, 1 ... 768,000 Hz.
    public static func toAnalysisRate(_ samples: [Float], rateHz: Int) throws(DecodeError) -> [Float] {
        guard rateHz != DecodedAudio.analysisRateHz else { return samples }
        let resampler = try SoxrResampler(inputRateHz: rateHz, outputRateHz: DecodedAudio.analysisRateHz)
        var output: [Float] = []
        output.reserveCapacity(samples.count * DecodedAudio.analysisRateHz / rateHz + 1024)
        samples.withUnsafeBufferPointer { resampler.process($0, appendingTo: &output) }
        resampler.flush(appendingTo: &output)
        return output
    }
}
