import CoachApp
import ArgumentParser
import ExerciseCatalog
#if canImport(Glibc)
import Glibc
#endif

/// The `limber` command: a terminal coach for sciatica and low back pain.
///
/// **Global options anywhere.** `--data-dir`, `--catalog` and `--no-color` (``GlobalOptions``)
/// work before and after the command name (`limber --no-color start five-minute`,
/// `limber history --data-dir X`) without rewriting the arguments, because of two things
/// swift-argument-parser does (1.8.2, CommandParser.descendingParse and OptionGroup):
/// 1. The root command is parsed first, leniently, over *every* word of the command line: it takes
///    the options it declares wherever they stand (also after the subcommand's name) and removes
///    them, and leaves everything else to the subcommand.
/// 2. An `@OptionGroup` whose type a parent command has already decoded is not parsed again: the
///    subcommand gets the parent's value.
/// So `Limber` declares `@OptionGroup var global: GlobalOptions` and so does every subcommand (which
/// also keeps the options in each subcommand's `--help` and completions). Reordering the words
/// ourselves would mean a second parser to keep in step with ArgumentParser's rules (`--x=value`,
/// `--`, grouped short flags, values that look like commands); this way there is one.
///
/// **The first word.** Bare `limber` is `limber start` (the default subcommand) and `limber
/// ROUTINE` starts that routine, so ArgumentParser alone would take any unknown word for a routine
/// id and any unknown option for one of `start`'s. ``main()`` therefore looks at the first word
/// before the real parse (see ``FirstWord``): a word that is neither a command nor a routine id is
/// an unknown command with a "did you mean", and a parse error when no word was typed at all is
/// reported for `limber` itself, not with `start`'s usage. Both exit 64 (EX_USAGE).
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

            `limber` on its own is `limber start`: pick a routine and start a guided session. \
            `limber ROUTINE` starts that routine. The options below work before or after the \
            command name, e.g. `limber --no-color start five-minute` or \
            `limber history --data-dir DIR`.

            Exit status: 0 done; 1 the command could not do its job (e.g. no terminal, an id \
            that is not in the catalog, an invalid catalog, an unreadable log); 64 the command \
            line is wrong (unknown command or option, a missing or malformed value).
            """,
        version: version,
        subcommands: [
            StartCommand.self, ReviewCommand.self, HistoryCommand.self, ExportCommand.self, ReportCommand.self,
            ExercisesCommand.self, RoutinesCommand.self, ShowCommand.self, CatalogCommand.self,
            PolicyCommand.self, CheckCommand.self, LearnCommand.self, ConfigCommand.self, TimerCommand.self,
            StatusCommand.self,
        ],
        defaultSubcommand: StartCommand.self
    )

    @OptionGroup var global: GlobalOptions

    /// ArgumentParser's own `main()` with the first-word check in front of it (see the type's
    /// doc comment); running and exit codes are ArgumentParser's: a `ValidationError` or a parse
    /// error exits 64, any other error 1, an `ExitCode` its own value.
    static func main() {
        // A file-size limit (`ulimit -f`) must not kill limber mid-session: with SIGXFSZ ignored a
        // write past the limit fails with EFBIG, which SQLite reports as a full disk, so the set
        // is kept in memory and retried like any other unsaved set.
        signal(SIGXFSZ, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let direct = DirectCommand(arguments) {
            direct.run()
            return
        }
        let first = FirstWord(arguments)
        if let message = first.unknownCommandMessage() {
            printToStderr("Error: \(message)")
            exit(withError: ExitCode.validationFailure)
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            if first.isAbsent && exitCode(for: error) == .validationFailure {
                // Parsed as the default `start`, but nobody typed `start`: say it about `limber`
                // (a ValidationError gets the root command's usage line).
                exit(withError: ValidationError(message(for: error)))
            }
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// The first word of a command line that is not an option or a global option's value: the
/// command's name, a routine id, or something unknown.
///
/// Found by ArgumentParser itself (``Probe``: the global options plus everything else, in order),
/// so `--data-dir X history` finds `history`, not `X`. `start`'s own options before a routine
/// (`limber --quiet five-minute`) are flags and take no value. When ArgumentParser rejects the
/// line here (`--help`, `--generate-completion-script`, `--experimental-dump-help`, a missing
/// value), nothing is decided here and the real parse answers. The custom-completion call
/// (`limber ---completion …`) is left to ArgumentParser untouched.
struct FirstWord {
    private struct Probe: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(parsing: .allUnrecognized) var rest: [String] = []
    }

    /// The word, or nil when there is none or the line was left to ArgumentParser.
    let word: String?
    /// The probe could read the line (so `word == nil` means no word was typed).
    let understood: Bool
    let catalogOption: String?

    init(_ arguments: [String]) {
        guard arguments.first != "---completion", let probe = try? Probe.parse(arguments) else {
            word = nil; understood = false; catalogOption = nil
            return
        }
        word = probe.rest.first { !$0.hasPrefix("-") }
        understood = true
        catalogOption = probe.global.catalog
    }

    /// No command name or routine was typed: the line is the default `start` with options only.
    var isAbsent: Bool { understood && word == nil }

    /// The names `limber` dispatches on (with ArgumentParser's built-in `help`).
    static var commandNames: [String] {
        Limber.configuration.subcommands.map { $0._commandName } + ["help"]
    }

    /// The error for a first word that is neither a command nor a routine id, or nil.
    func unknownCommandMessage() -> String? {
        guard let word, !Self.commandNames.contains(word) else { return nil }
        let routines = CatalogSupport.load(catalogOption: catalogOption, warn: false).routines.map(\.id)
        guard !routines.contains(word) else { return nil }
        let shown = ControlCharacters.escaped(word.count > 40 ? String(word.prefix(40)) + "…" : word)
        let commands = Self.commandNames.filter { $0 != "help" }
        if let suggestion = Suggestions.closest(to: word, in: commands + routines) {
            return "unknown command or routine '\(shown)' — did you mean 'limber \(suggestion)'? See 'limber --help'."
        }
        return "unknown command or routine '\(shown)'. See 'limber --help' for the commands and 'limber routines' for the routines."
    }
}
