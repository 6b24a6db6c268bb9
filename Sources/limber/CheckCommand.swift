import CoachApp
import ArgumentParser

/// `limber check ...`: questions that can be answered again at any time.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Answer a check-in question again: `limber check history`, `limber check direction`, `limber check outcomes`.",
        subcommands: [History.self, CheckDirectionCommand.self, Outcomes.self])

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "The health-history red flags (asked at setup and every 4 weeks); record a clinician's assessment.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try HistoryCheckFlow(dataDir: global.dataDir, noColor: global.noColor).run()
        }
    }

    struct Outcomes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "outcomes",
            abstract: "The weekly outcome measures now: the PEG (3 questions) and your own activities (PSFS).",
            discussion: """
                They are also offered at the first session of each week. `--activity` (3 to 5 times)                 names or renames the activities you rate each week, without asking anything;                 earlier ratings keep the words they were given with.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("activity"), help: ArgumentHelp("An activity your back or leg makes hard, e.g. \"sit for an hour\" (3-5 times).", valueName: "NAME"))
        var activities: [String] = []

        func validate() throws {
            if !activities.isEmpty, !(3...5).contains(activities.count) {
                throw ValidationError("give --activity 3 to 5 times (got \(activities.count)), e.g. --activity \"sit for an hour\" --activity \"put on socks\" --activity \"walk 20 minutes\"")
            }
        }

        func run() throws {
            try OutcomeFlow(dataDir: global.dataDir, noColor: global.noColor, activities: activities).run()
        }
    }
}
