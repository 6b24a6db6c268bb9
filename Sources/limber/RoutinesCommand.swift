import CoachApp
import ArgumentParser
import ExerciseCatalog

/// `limber routines`: the routines with a time estimate, or JSON for scripts.
struct RoutinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routines",
        abstract: "List the routines of the catalog.",
        discussion: "Shows id, name, kind, an estimate of the time it takes (work, rests, get-ready and pain questions) and the exercises in order. `limber show ID` prints one routine with its doses.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print a JSON array (snake_case keys, sorted) instead of a table.")
    var json = false

    func run() throws {
        let catalog = CatalogSupport.load(catalogOption: global.catalog)
        if json {
            print(try CatalogJSON.routines(catalog))
            return
        }
        // Shortest first: the order a person in pain would want to choose from.
        let routines = catalog.routines.sorted {
            (catalog.estimatedSeconds(of: $0), $0.id) < (catalog.estimatedSeconds(of: $1), $1.id)
        }
        let rows = routines.map { routine in
            [routine.id, routine.name, routine.kind.rawValue, TimingEstimate.roughMinutes(catalog.estimatedSeconds(of: routine)),
             routine.items.map(\.exercise).joined(separator: ", ")]
        }
        print(CatalogSupport.table(["ID", "NAME", "KIND", "TIME", "ITEMS"], rows))
    }
}
