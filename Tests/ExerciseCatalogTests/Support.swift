import Foundation
import Testing
@testable import ExerciseCatalog

/// A temporary catalog directory written from a dictionary of relative path -> file text,
/// removed when the value is released.
final class TempCatalog {
    let path: String

    init(_ files: [String: String]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("limber-catalog-\(UUID().uuidString)").path
        for (relative, text) in files {
            let full = path + "/" + relative
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        if files.isEmpty { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The directory loaded on its own, issue paths relative to it.
    func load() -> Catalog {
        CatalogLoader(displayBase: path).load(directory: path)
    }
}

/// A valid exercise file, one field per line so tests can predict line numbers:
/// 1 id, 2 name, 3 kind, 4 area, 5 sides, 6 dose, 7 steps, 8 cues, 9 stop_if.
/// `set` replaces a field's line (keeping the numbering), `nil` removes it; `extra` lines go at the end.
func exerciseYAML(_ id: String = "bird-dog", set: [String: String?] = [:], extra: [String] = []) -> String {
    let base: [(String, String)] = [
        ("id", "id: \(id)"),
        ("name", "name: Bird dog"),
        ("kind", "kind: strength"),
        ("area", "area: [core, back]"),
        ("sides", "sides: each"),
        ("dose", "dose: { sets: 2, reps: 10, rest: 30 }"),
        ("steps", "steps: [Kneel on all fours., Reach one arm and the opposite leg out., Return slowly.]"),
        ("cues", "cues: [Keep your back flat.]"),
        ("stop_if", "stop_if: [Pain spreads down your leg.]"),
    ]
    var lines: [String] = []
    for (key, line) in base {
        if let replacement = set[key] {
            if let replacement { lines.append(replacement) }
        } else {
            lines.append(line)
        }
    }
    return (lines + extra).joined(separator: "\n") + "\n"
}

/// The directory of the test fixtures (copied into the test bundle).
func fixtures(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return url.appendingPathComponent(name).path
}
