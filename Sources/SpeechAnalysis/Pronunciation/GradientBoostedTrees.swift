import Foundation

/// A probability from gradient-boosted regression trees on the log-odds scale (Friedman 2001, "Greedy function
/// approximation: a gradient boosting machine", Ann. Statist. 29(5)), in the form scikit-learn's
/// `HistGradientBoostingClassifier` fits (bench/pronunciation/fit-omission-trees.py exports it):
/// `P = 1 / (1 + exp(-(baseline + sum over trees of the leaf reached)))`, a node sending `x <= threshold` left.
/// Model v10 decides omissions with it: what one term of a word's evidence says depends on the others (a forced-
/// alignment ratio means more on a word squeezed into a few frames), which one logistic cannot draw.
public struct GradientBoostedTrees: Codable, Sendable, Equatable {
    /// One tree as parallel arrays over its nodes, children after their parent (node 0 is the root).
    public struct Tree: Codable, Sendable, Equatable {
        /// Index into `features` tested at each node; -1 marks a leaf.
        public var feature: [Int]
        public var threshold: [Double]
        public var left: [Int]
        public var right: [Int]
        /// A leaf's contribution to the log-odds (the learning rate already applied); unused at inner nodes.
        public var value: [Double]

        func leafValue(_ x: [Double]) -> Double {
            var node = 0
            while feature[node] >= 0 {
                node = x[feature[node]] <= threshold[node] ? left[node] : right[node]
            }
            return value[node]
        }

        /// Why this tree cannot be evaluated safely, `nil` when it can: sizes agree, features exist, and every
        /// child comes after its parent, so a walk from the root ends at a leaf.
        func defect(featureCount: Int) -> String? {
            let n = feature.count
            guard n > 0, threshold.count == n, left.count == n, right.count == n, value.count == n else {
                return "node arrays of different lengths"
            }
            for node in 0..<n where feature[node] >= 0 {
                guard feature[node] < featureCount else { return "node \(node) tests feature \(feature[node]) of \(featureCount)" }
                guard left[node] > node, left[node] < n, right[node] > node, right[node] < n else {
                    return "node \(node) has children outside the tree or before it"
                }
            }
            return nil
        }
    }

    /// Feature names, in the order the trees index them; a name the evidence lacks counts as 0 (as in the fit).
    public var features: [String]
    /// Log-odds before any tree (the training prior).
    public var baseline: Double
    public var trees: [Tree]

    public func probability(_ values: [String: Double]) -> Double {
        // NaN never occurs in the fitted evidence; 0 is what the fit used for a missing term.
        let x = features.map { name -> Double in
            let value = values[name] ?? 0
            return value.isNaN ? 0 : value
        }
        var z = baseline
        for tree in trees { z += tree.leafValue(x) }
        return 1 / (1 + exp(-z))
    }

    /// The first structural defect, `nil` for a model that evaluates safely.
    public var defect: String? {
        for (index, tree) in trees.enumerated() {
            if let problem = tree.defect(featureCount: features.count) { return "tree \(index): \(problem)" }
        }
        return nil
    }
}
