import ArgumentParser

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json, table, textgrid
}
