import PlainText
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
        let catalog = CatalogLoader(displayBase: FileManager.default.currentDirectoryPath, cache: CatalogCache.current()).load(locations)
        if warn {
            for issue in catalog.issues { printToStderr("warning: \(issue)") }
        }
        return catalog
    }

    /// Rows under a header as columns two spaces apart (``PlainText/columns(_:)``).
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        PlainText.columns([header] + rows)
    }

    /// Words wrapped to `width` columns; later lines get `indent` spaces (a hanging indent for
    /// numbered steps).
    public static func wrap(_ text: String, width: Int = 78, firstPrefix: String, indent: Int) -> String {
        PlainText.wrap(text, width: width, first: firstPrefix, rest: String(repeating: " ", count: indent)).joined(separator: "\n")
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
