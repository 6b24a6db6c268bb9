import CoachApp
import ArgumentParser
import ExerciseCatalog
import Foundation

/// `limber catalog`: tools for the catalog files themselves.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Check catalog files (exercises and routines).",
        subcommands: [CatalogCheckCommand.self])
}

/// `limber catalog check [DIR]`: validate, print one line per problem, exit 1 if any.
struct CatalogCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate catalog files; exit 1 with file, line and field for each error.",
        discussion: """
            With DIR, only that directory is checked (exercises as <id>.yaml, routines in \
            routines/<id>.yaml; easier/harder and routine items must name exercises of DIR). \
            Without DIR, the whole lookup chain is checked as a session would load it: the \
            built-in Exercises/, then $XDG_CONFIG_HOME/limber/exercises, then --catalog DIR or \
            LIMBER_CATALOG, later files overriding earlier ones with the same id.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A catalog directory to check on its own.", valueName: "DIR"), completion: .directory)
    var directory: String?

    func validate() throws {
        if directory?.isEmpty == true { throw ValidationError("DIR is empty; give a catalog folder, e.g. `limber catalog check ./Exercises`") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let loader = CatalogLoader(displayBase: FileManager.default.currentDirectoryPath, cache: CatalogCache.current())
        let catalog: Catalog
        if let directory {
            catalog = loader.load(directory: directory)
        } else {
            catalog = loader.load(CatalogLocations.current(catalogOption: global.catalog))
        }
        let elapsed = clock.now - start
        let ms = Int((Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15).rounded())
        let counts = "\(CatalogSupport.count(catalog.exercises.count, "exercise")), \(CatalogSupport.count(catalog.routines.count, "routine"))"
        if catalog.issues.isEmpty && catalog.exercises.isEmpty && catalog.routines.isEmpty {
            // "ok: 0 exercises" for a mistyped or empty directory would pass CI for nothing.
            let place = ControlCharacters.escaped(directory ?? catalog.directories.joined(separator: ", "))
            throw CommandError("\(place): no exercises or routines found; expected <id>.yaml files and routines/<id>.yaml")
        }
        if catalog.issues.isEmpty {
            print("ok: \(counts) checked in \(ms) ms")
            return
        }
        for issue in catalog.issues { printToStderr(issue.description) }
        print("failed: \(CatalogSupport.count(catalog.issues.count, "error")); \(counts) loaded (\(ms) ms)")
        throw ExitCode.failure
    }
}
