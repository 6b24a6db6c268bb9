import ArgumentParser
import CoachApp

/// `limber learn`: "hurt is not harm", the short pain-education screen.
struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Read \"hurt is not harm\": what pain during exercise means, and what to do on a bad day.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try LearnFlow.run(noColor: global.noColor)
    }
}
