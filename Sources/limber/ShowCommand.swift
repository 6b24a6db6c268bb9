import ArgumentParser

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "(being built)")
    @OptionGroup var global: GlobalOptions
    func run() throws { throw ValidationError("'limber show' is not built yet") }
}
