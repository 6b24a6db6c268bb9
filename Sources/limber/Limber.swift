import ArgumentParser

/// The `limber` command: a terminal coach for sciatica and low back pain.
@main
struct Limber: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "limber",
        abstract: "A terminal coach for people living with sciatica or low back pain.",
        discussion: """
            limber guides a home routine of gentle stretches and core exercises, asks for pain \
            (0-10) after every set, adapts the rest of the session, and keeps a private log. \
            It is a self-management aid, not medical advice: if your symptoms change or worry \
            you, see a clinician.
            """,
        version: version,
        subcommands: [
            StartCommand.self, ReviewCommand.self, HistoryCommand.self, ExportCommand.self,
            ExercisesCommand.self, RoutinesCommand.self, ShowCommand.self, CatalogCommand.self,
            PolicyCommand.self,
        ],
        defaultSubcommand: StartCommand.self
    )
}
