import ArgumentParser

/// Options every command understands (see DESIGN.md, "Contract for users and for tests").
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Folder of limber.sqlite (default $XDG_DATA_HOME/limber; env LIMBER_DATA_DIR).", valueName: "DIR"))
    var dataDir: String?

    @Option(name: .customLong("catalog"), help: ArgumentHelp("Extra exercises and routines that add to or override the built-in ones (env LIMBER_CATALOG).", valueName: "DIR"))
    var catalog: String?

    @Flag(name: .customLong("no-color"), help: "Monochrome output (also NO_COLOR).")
    var noColor = false
}
