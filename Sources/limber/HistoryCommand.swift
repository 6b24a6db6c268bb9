import ArgumentParser

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "(being built)")
    @OptionGroup var global: GlobalOptions
    func run() throws { throw ValidationError("'limber history' is not built yet") }
}
