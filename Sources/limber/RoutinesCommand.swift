import ArgumentParser

struct RoutinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "routines", abstract: "(being built)")
    @OptionGroup var global: GlobalOptions
    func run() throws { throw ValidationError("'limber routines' is not built yet") }
}
