import ArgumentParser

/// `limber check ...`: questions that can be answered again at any time.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Answer a check-in question again.",
        subcommands: [CheckDirectionCommand.self])
    @OptionGroup var global: GlobalOptions
}
