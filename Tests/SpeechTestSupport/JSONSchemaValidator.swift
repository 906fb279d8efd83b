import Foundation

/// Validates JSON against the subset of JSON Schema (2020-12) that docs/result-schema.json uses:
/// type (incl. type lists), const, enum, required, properties, items, minimum, maximum.
/// Unknown keywords are ignored, so a schema using more than this subset must extend this type.
/// Immutable after init, so sharing it between concurrent tests is safe.
public struct JSONSchemaValidator: @unchecked Sendable {
    private let schema: [String: Any]

    public init(schemaURL: URL) throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL))
        guard let dictionary = object as? [String: Any] else { throw SchemaError("schema root is not an object") }
        schema = dictionary
    }

    /// Every violation as "path: problem"; empty when the document conforms.
    public func violations(of json: Data) throws -> [String] {
        let value = try JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])
        var found: [String] = []
        check(value, against: schema, at: "$", into: &found)
        return found
    }

    private func check(_ value: Any, against schema: [String: Any], at path: String, into found: inout [String]) {
        if let expected = schema["const"], !isEqual(value, expected) {
            found.append("\(path): expected \(expected), got \(value)")
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { isEqual(value, $0) }) {
            found.append("\(path): \(value) is not one of \(allowed)")
        }
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [type as? String ?? ""]
            if !types.contains(where: { matches(value, type: $0) }) {
                found.append("\(path): expected \(types.joined(separator: " or ")), got \(Swift.type(of: value))")
                return
            }
        }
        if let number = numeric(value) {
            if let minimum = schema["minimum"].flatMap(numeric), number < minimum {
                found.append("\(path): \(number) is below the minimum \(minimum)")
            }
            if let maximum = schema["maximum"].flatMap(numeric), number > maximum {
                found.append("\(path): \(number) is above the maximum \(maximum)")
            }
        }
        if let object = value as? [String: Any] {
            for key in (schema["required"] as? [String]) ?? [] where object[key] == nil {
                found.append("\(path): missing required field \"\(key)\"")
            }
            for (key, subschema) in (schema["properties"] as? [String: Any]) ?? [:] {
                if let child = object[key], let subschema = subschema as? [String: Any] {
                    check(child, against: subschema, at: "\(path).\(key)", into: &found)
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() {
                check(element, against: items, at: "\(path)[\(index)]", into: &found)
            }
        }
    }

    private func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "string": return value is String
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "boolean": return isBoolean(value)
        case "number": return !isBoolean(value) && numeric(value) != nil
        case "integer": return !isBoolean(value) && numeric(value).map { $0.rounded() == $0 } == true
        default: return false
        }
    }

    private func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    private func numeric(_ value: Any) -> Double? {
        if value is String || value is NSNull { return nil }
        return (value as? NSNumber)?.doubleValue
    }

    private func isEqual(_ lhs: Any, _ rhs: Any) -> Bool {
        if let left = lhs as? String, let right = rhs as? String { return left == right }
        if let left = numeric(lhs), let right = numeric(rhs) { return left == right }
        return false
    }
}

public struct SchemaError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
