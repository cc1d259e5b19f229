// Prints how long reading and validating a 1 MB manifest-like document take.
//
//     swift run -c release validation-benchmark [--size-kib 1024] [--runs 7]
//
// The document is a model registry: a long list of models, each a closed object with enums,
// patterns, numbers, nested pricing and a capability list, validated through $ref and $defs
// the way real manifests are. Figures are medians; compare runs made in one sitting.

import Foundation
import JSONSchemaValidation
import LocatedYAML

let arguments = CommandLine.arguments
func option(_ name: String, default value: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
        let parsed = Int(arguments[index + 1])
    else { return value }
    return parsed
}
let targetBytes = option("--size-kib", default: 1024) * 1024
let runs = option("--runs", default: 7)

let schemaText = """
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://bench.test/registry.json",
      "type": "object",
      "required": ["models"],
      "additionalProperties": false,
      "properties": {
        "version": {"type": "string"},
        "models": {"type": "array", "items": {"$ref": "#/$defs/model"}}
      },
      "$defs": {
        "model": {
          "type": "object",
          "required": ["id", "provider", "context_window"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9.:/_-]*$"},
            "provider": {"enum": ["openai", "anthropic", "gemini", "groq", "mistral", "deepseek"]},
            "display_name": {"type": "string", "minLength": 1},
            "context_window": {"type": "integer", "minimum": 1},
            "max_output_tokens": {"type": "integer", "minimum": 1},
            "capabilities": {"type": "array", "uniqueItems": true,
              "items": {"enum": ["chat", "streaming", "tools", "vision", "reasoning", "embeddings", "json"]}},
            "pricing": {"$ref": "#/$defs/pricing"},
            "status": {"enum": ["active", "preview", "deprecated"]}
          }
        },
        "pricing": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "input": {"type": "number", "minimum": 0},
            "output": {"type": "number", "minimum": 0},
            "cached_input": {"type": "number", "minimum": 0}
          }
        }
      }
    }
    """

func model(_ index: Int) -> String {
    let providers = ["openai", "anthropic", "gemini", "groq", "mistral", "deepseek"]
    return """
          - id: model-\(index)-preview
            provider: \(providers[index % providers.count])
            display_name: "Model \(index) Preview"
            context_window: \(128_000 + index)
            max_output_tokens: 16384
            capabilities: [chat, streaming, tools, vision]
            pricing:
              input: 2.5
              output: 10.0
              cached_input: 1.25
            status: active

        """
}

var document = "version: \"1.0\"\nmodels:\n"
var count = 0
while document.utf8.count < targetBytes {
    document += model(count)
    count += 1
}
let bytes = Array(document.utf8)

func median(_ body: () throws -> Void) rethrows -> Duration {
    var samples: [Duration] = []
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let start = clock.now
        try body()
        samples.append(clock.now - start)
    }
    return samples.sorted()[samples.count / 2]
}

func milliseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
    return String(format: "%.1f ms", value)
}

do {
    var registry = SchemaRegistry()
    let schemaRoot = try YAMLReader().read(schemaText)[0].root
    try registry.register(schemaRoot, uri: "https://bench.test/registry.json", filePath: nil)
    let validator = try JSONSchemaValidator(
        schemaURI: "https://bench.test/registry.json", registry: registry, options: ValidationOptions())

    var root = YAMLNode(.scalar(YAMLScalar(value: .null, text: "", style: .plain)))
    let read = try median { root = try YAMLReader().read(bytes)[0].root }
    var errors = 0
    let validate = median { errors = validator.validate(root).errors.count }
    guard errors == 0 else {
        print("benchmark document is unexpectedly invalid: \(errors) errors")
        exit(1)
    }
    let kib = Double(bytes.count) / 1024
    print(
        String(format: "document: %.0f KiB, %d models", kib, count)
            + "; read \(milliseconds(read)), validate \(milliseconds(validate)) (median of \(runs) runs)")
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
