import Foundation

/// Command-line settings; defaults are what bench/queue/run uses.
struct BenchArguments {
    var backends = ["sqlite", "postgres"]
    var workerCounts = [1, 2, 8]
    var jobs = 20_000
    var batch = 200
    var enqueueBatch = 500
    var latencySamples = 200
    /// Jobs per batch in the progress-poll measurement; 0 skips it.
    var progressJobs = 100_000
    var postgresURL = ProcessInfo.processInfo.environment["SPEAKWELL_TEST_POSTGRES_URL"]

    init(_ arguments: ArraySlice<String>) {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next() ?? ""
            switch flag {
            case "--backends": backends = value.split(separator: ",").map(String.init)
            case "--workers": workerCounts = value.split(separator: ",").compactMap { Int($0) }
            case "--jobs": jobs = Int(value) ?? jobs
            case "--batch": batch = Int(value) ?? batch
            case "--enqueue-batch": enqueueBatch = Int(value) ?? enqueueBatch
            case "--latency-samples": latencySamples = Int(value) ?? latencySamples
            case "--progress-jobs": progressJobs = Int(value) ?? progressJobs
            default:
                FileHandle.standardError.write(Data("""
                    usage: speakwell-queue-bench [--backends sqlite,postgres] [--workers 1,2,8] [--jobs N]
                           [--batch N] [--enqueue-batch N] [--latency-samples N] [--progress-jobs N]

                    """.utf8))
                exit(2)
            }
        }
    }
}
