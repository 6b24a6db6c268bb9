import CoachApp
import ArgumentParser
import ExerciseCatalog

/// `limber exercises`: the catalog's exercises as a table, or as JSON for scripts.
struct ExercisesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "List the exercises of the catalog.",
        discussion: "Shows id, name, kind, sides, default dose and tempo (up-hold-down seconds). `limber show ID` prints one exercise in full.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print a JSON array (snake_case keys, sorted) instead of a table.")
    var json = false

    func run() throws {
        let catalog = CatalogSupport.load(catalogOption: global.catalog)
        if json {
            print(try CatalogJSON.exercises(catalog))
            return
        }
        let rows = catalog.exercises.map { exercise in
            [exercise.id, exercise.name, exercise.kind.rawValue, exercise.sides.rawValue, exercise.doseText(), CatalogSupport.tempoText(exercise)]
        }
        print(CatalogSupport.table(["ID", "NAME", "KIND", "SIDES", "DOSE", "TEMPO"], rows))
    }
}
