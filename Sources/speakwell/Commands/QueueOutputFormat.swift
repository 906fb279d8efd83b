import ArgumentParser

/// Output of `status` and `queue stats`: a TextGrid of a job makes no sense, so not `OutputFormat`.
enum QueueOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json, table
}
