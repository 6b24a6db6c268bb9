import CoachApp
import ArgumentParser
import ExerciseCatalog
import Foundation

/// `limber` / `limber start [ROUTINE]`: the guided session in the terminal.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a guided session (pick a routine when none is named).",
        discussion: """
            Keys: enter start/continue/finish · space count a rep (u undoes) · p pause · s skip · q end · ? help. \
            After every set: one key for your pain, 0-9 or t for 10 (enter keeps an offered last answer); \
            l first marks "it spread further down my leg". Settings: `limber config`. \
            Every rated set is saved at once; an interrupted session can be resumed at the next start. \
            LIMBER_TIME_SCALE=N runs every timer N times faster (demos, tests).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The routine to do (see `limber routines`); none: choose from a list.", valueName: "ROUTINE"),
              completion: .custom { words, _, _ in CatalogCompletion.routineIDs(words) })
    var routine: String?

    @Flag(name: .long, help: "No sounds and no voice.")
    var quiet = false

    @Flag(name: .long, inversion: .prefixedNo, help: "Spoken guidance (espeak-ng) for this session; the default is the `voice` setting.")
    var voice: Bool?

    @Flag(name: .customLong("skip-screen"), help: "Skip today's red-flag safety questions (logged; only for today) and the weekly check (asked next time).")
    var skipScreen = false

    func run() throws {
        try StartFlow(routine: routine, quiet: quiet, voice: voice, skipScreen: skipScreen, dataDir: global.dataDir,
                      catalogOption: global.catalog, noColor: global.noColor).run()
    }
}
