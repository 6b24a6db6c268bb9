import ArgumentParser
import CoachApp

/// `limber check direction`: which movements ease the leg symptoms (bending back, bending
/// forward, neither or not sure); flare days and the picker then offer the matching relief routine.
struct CheckDirectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "direction",
        abstract: "Say which movements ease your leg: bending back, bending forward, or not sure.",
        discussion: "The answer is logged as a check-in; on flare days limber then suggests the relief routine that matches it. Not sure keeps the neutral routines.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try ReliefDirectionFlow.runCommand(dataDir: global.dataDir, catalogOption: global.catalog, noColor: global.noColor)
    }
}
