import CoachPolicy
import CoachApp
import ArgumentParser

/// `limber policy`: the in-session pain policy, the next-session progression policy and the red
/// flags, in plain words, built from the same constants the engine uses.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Print the rules limber follows (pain, progression, flares, red flags) in plain words.",
        discussion: "The thresholds come from ../shared/CLINICAL.md and live in PainPolicy and ProgressionPolicy; this text is generated from them.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        print(PolicyDescription.text(), terminator: "")
    }
}
