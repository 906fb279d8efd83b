import ArgumentParser
import SpeechQueue

/// `--priority interactive|batch` parses straight into the queue's type (its raw values are the CLI words).
extension JobPriority: ExpressibleByArgument {}
