import Foundation

extension PronunciationScorer {
    /// The terms model v27's omission trees read of the words on either side (bench/pronunciation/prereg-v27.md).
    static let neighbourTermNames = ["previous_omission_llr", "previous_log_duration", "next_omission_llr", "next_log_duration"]

    /// Model v27: each word's terms with the neighbouring words' omission ratio and log relative duration added, so the
    /// omission trees can weigh a word against the words around it: a said word beside a left-out one leaves
    /// evidence that looks like its own omission (its neighbour's phones take its frames), and the trees fitted on
    /// 85 voices learnt where. At the first and last word the missing neighbour counts as plainly said (ratio
    /// -clip, duration as the reference's). `terms` are `wordTerms` of the utterance's words in order; the bench
    /// computes the same (evaluation.py `add_neighbour_terms`).
    static func addingNeighbourTerms(_ terms: [[String: Double]], clip: Double) -> [[String: Double]] {
        terms.indices.map { k in
            var word = terms[k]
            for (side, j) in [("previous", k - 1), ("next", k + 1)] {
                let neighbour = terms.indices.contains(j) ? terms[j] : nil
                word["\(side)_omission_llr"] = neighbour.map { min(clip, $0["omission_llr"] ?? 0) } ?? -clip
                word["\(side)_log_duration"] = neighbour.map { $0["log_duration"] ?? 0 } ?? 0
            }
            return word
        }
    }
}
