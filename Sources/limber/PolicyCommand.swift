import CoachPolicy
import CoachApp
import ArgumentParser

/// `limber policy`: every rule limber follows (red flags, pain, progression, flares, review), in
/// plain words, built from CoachPolicy's rule table, the one the engine and the prescription read.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Print the rules limber follows (red flags, pain, progression, flares) in plain words.",
        discussion: "The rules and thresholds come from ../shared/CLINICAL.md and live in CoachPolicy's rule table; this text is generated from it. --markdown prints the tables the README's \"How limber adapts\" holds.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print Markdown tables (the README's \"How limber adapts\" section).")
    var markdown = false

    func run() throws {
        print(markdown ? PolicyDescription.markdown() : PolicyDescription.text(), terminator: "")
    }
}
