import Foundation

/// The words of a prompt text as the synthesiser labels them: whitespace-separated tokens with leading and
/// trailing punctuation and symbols removed, empty tokens dropped ("well-known" stays one word).
enum PromptWords {
    static func split(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
            .map { $0.trimmingCharacters(in: .punctuationCharacters.union(.symbols)) }
            .filter { !$0.isEmpty }
    }
}
