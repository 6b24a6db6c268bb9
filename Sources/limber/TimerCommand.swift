import CoachApp
import ArgumentParser

/// `limber timer SECONDS`: one big countdown, outside a routine.
struct TimerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timer",
        abstract: "A one-off big countdown (e.g. a stretch outside a routine).",
        discussion: "Space or p pauses and resumes, q stops (exit 1). At zero it ends with exit status 0. Nothing is logged."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("How long, in seconds (1-86400).", valueName: "SECONDS"))
    var seconds: Int

    @Option(name: .long, help: ArgumentHelp("A word to show with the countdown, e.g. --label stretch.", valueName: "TEXT"))
    var label: String?

    @Flag(name: .long, inversion: .prefixedNo, help: "Speak the countdown (espeak-ng); the default is the `voice` setting.")
    var voice: Bool?

    @Flag(name: .long, help: "No sounds and no voice.")
    var quiet = false

    func validate() throws {
        guard (1...TimerFlow.maximumSeconds).contains(seconds) else {
            throw ValidationError("SECONDS must be a whole number from 1 to \(TimerFlow.maximumSeconds), e.g. `limber timer 30` (got \(seconds))")
        }
        if let label, label.count > 40 || label.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true }) {
            throw ValidationError("--label must be one line of at most 40 characters")
        }
    }

    func run() throws {
        let reachedZero = try TimerFlow(seconds: seconds, label: label, voice: voice, quiet: quiet, noColor: global.noColor).run()
        if !reachedZero { throw ExitCode.failure }
    }
}
