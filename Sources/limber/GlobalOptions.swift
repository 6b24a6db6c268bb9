import CoachApp
import ArgumentParser
import ExerciseCatalog
import Foundation

/// Options every command understands (see DESIGN.md, "Contract for users and for tests").
///
/// They work before or after the command name (`limber --no-color start five-minute`,
/// `limber history --data-dir X`) because the root command `Limber` declares this group as well as
/// every subcommand; `Limber`'s doc comment explains why that is enough.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"),
            help: ArgumentHelp("Folder of limber.sqlite (default $XDG_DATA_HOME/limber; env LIMBER_DATA_DIR).", valueName: "DIR"),
            completion: .directory)
    var dataDir: String?

    @Option(name: .customLong("catalog"),
            help: ArgumentHelp("Extra exercises and routines that add to or override the built-in ones (env LIMBER_CATALOG).", valueName: "DIR"),
            completion: .directory)
    var catalog: String?

    @Flag(name: .customLong("no-color"), help: "Monochrome output (also NO_COLOR).")
    var noColor = false

    func validate() throws {
        // An empty value would silently mean "the current folder" (or nothing at all).
        if dataDir?.isEmpty == true { throw ValidationError("--data-dir needs a folder, e.g. --data-dir ~/limber-data") }
        if catalog?.isEmpty == true { throw ValidationError("--catalog needs a folder, e.g. --catalog ~/my-exercises") }
    }
}

/// Shell completion of catalog ids: the completion scripts of `limber --generate-completion-script`
/// run `limber ---completion <command> -- <argument> …` when Tab is pressed, and
/// swift-argument-parser calls these functions with the words typed so far.
///
/// The catalog is loaded the way the command would load it (built-in, user folder,
/// `LIMBER_CATALOG`), plus a `--catalog DIR` already on the command line, without warnings: a
/// broken catalog file must not print into the person's prompt. The shell filters by the typed
/// prefix itself.
enum CatalogCompletion {
    /// Routine ids, for `limber start ROUTINE`.
    static func routineIDs(_ words: [String]) -> [String] {
        CatalogSupport.load(catalogOption: catalogOption(in: words), warn: false).routines.map(\.id)
    }

    /// Exercise ids, then routine ids (`limber show` prints either).
    static func showableIDs(_ words: [String]) -> [String] {
        let catalog = CatalogSupport.load(catalogOption: catalogOption(in: words), warn: false)
        return catalog.exercises.map(\.id) + catalog.routines.map(\.id)
    }

    /// The value of the last `--catalog DIR` or `--catalog=DIR` among the shell words (which
    /// arrive unexpanded: a leading `~` and plain quotes are undone here).
    static func catalogOption(in words: [String]) -> String? {
        var found: String?
        for (index, word) in words.enumerated() {
            if word == "--" { break }
            if word == "--catalog", index + 1 < words.count {
                found = words[index + 1]
            } else if word.hasPrefix("--catalog=") {
                found = String(word.dropFirst("--catalog=".count))
            }
        }
        guard var path = found?.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")), !path.isEmpty else { return nil }
        if path.hasPrefix("~") { path = NSString(string: path).expandingTildeInPath }
        return path
    }
}
