import ArgumentParser

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policy", abstract: "(being built)")
    @OptionGroup var global: GlobalOptions
    func run() throws { throw ValidationError("'limber policy' is not built yet") }
}
