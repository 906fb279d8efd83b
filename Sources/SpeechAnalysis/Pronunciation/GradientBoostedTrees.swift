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
        /// Where a NaN (a term that could not be measured) goes at each node: left when true. scikit-learn learns it
        /// from the fit's missing values, or sends them to the child that saw more samples. `nil` in trees fitted
        /// without missing values (v10-v13), whose NaN counts as 0.
        public var missingLeft: [Bool]?

        enum CodingKeys: String, CodingKey {
            case feature, threshold, left, right, value
            case missingLeft = "missing_left"
        }

        func leafValue(_ x: [Double]) -> Double {
            var node = 0
            while feature[node] >= 0 {
                let v = x[feature[node]]
                if v.isNaN, let missingLeft {
                    node = missingLeft[node] ? left[node] : right[node]
                } else {
                    node = (v.isNaN ? 0 : v) <= threshold[node] ? left[node] : right[node]
                }
            }
            return value[node]
        }

        /// Why this tree cannot be evaluated safely, `nil` when it can: sizes agree, features exist, and every
        /// child comes after its parent, so a walk from the root ends at a leaf.
        func defect(featureCount: Int) -> String? {
            let n = feature.count
            guard n > 0, threshold.count == n, left.count == n, right.count == n, value.count == n,
                  missingLeft.map({ $0.count == n }) ?? true else {
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

    /// P from the named `values`; an absent name counts as 0 (as in the fit), a NaN as missing (`Tree.missingLeft`).
    public func probability(_ values: [String: Double]) -> Double {
        let x = features.map { values[$0] ?? 0 }
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
