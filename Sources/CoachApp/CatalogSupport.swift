import MonotonicTime
import CoachPolicy
import CoachUI
import TUIKit
import ExerciseCatalog
import Foundation

/// What the catalog commands share: loading the lookup chain with warnings on stderr, and plain
/// text layout. Kept in one namespace so it cannot collide with helpers of other commands.
public enum CatalogSupport {
    /// Loads built-in, user and `--catalog` directories. Every issue becomes one warning line on
    /// stderr and the command goes on with what loaded: one bad file should not stop a session.
    public static func load(catalogOption: String?, warn: Bool = true) -> Catalog {
        let locations = CatalogLocations.current(catalogOption: catalogOption)
        let catalog = CatalogLoader(displayBase: FileManager.default.currentDirectoryPath).load(locations)
        if warn {
            for issue in catalog.issues { printToStderr("warning: \(issue)") }
        }
        return catalog
    }

    /// Rows as left-aligned columns two spaces apart; the last column is not padded.
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Words wrapped to `width` columns; later lines get `indent` spaces (a hanging indent for
    /// numbered steps).
    public static func wrap(_ text: String, width: Int = 78, firstPrefix: String, indent: Int) -> String {
        var lines: [String] = []
        var line = firstPrefix
        var lineHasWord = false
        for word in text.split(separator: " ") {
            if lineHasWord && line.count + 1 + word.count > width {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// `2-3-2` for guided reps, `self-paced` for reps without tempo, `-` for timed holds.
    public static func tempoText(_ exercise: Exercise) -> String {
        if case .seconds = exercise.dose.work { return "-" }
        return exercise.tempo?.plainText ?? "self-paced"
    }

    /// `1 exercise`, `5 routines`.
    public static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
    }
}
