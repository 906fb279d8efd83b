import Foundation

/// The hand-written OpenAPI 3.1 document (Resources/openapi.json); `OpenAPIDocumentTests` keeps it in
/// step with the registered routes.
enum OpenAPIDocument {
    static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { return Array(#"{"openapi":"3.1.0"}"#.utf8) }
        return Array(data)
    }()
}
