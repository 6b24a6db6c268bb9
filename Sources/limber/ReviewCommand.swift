import ArgumentParser

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "review", abstract: "(being built)")
    @OptionGroup var global: GlobalOptions
    func run() throws { throw ValidationError("'limber review' is not built yet") }
}
