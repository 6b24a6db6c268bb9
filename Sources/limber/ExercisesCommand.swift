import ArgumentParser

struct ExercisesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exercises", abstract: "(being built)")
    @OptionGroup var global: GlobalOptions
    func run() throws { throw ValidationError("'limber exercises' is not built yet") }
}
