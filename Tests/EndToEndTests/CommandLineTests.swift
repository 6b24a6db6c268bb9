import Foundation
import Testing

/// The command line itself, as a person (or a shell's completion) uses it: global options before
/// or after the command, unknown commands and options, typed values, exit codes (64 for a wrong
/// command line, 1 for everything else) and completions. The real binary, without a terminal.
@Suite("the command line, end to end")
struct CommandLineTests {
    // MARK: Global options before or after the command

    @Test("`--no-color start five-minute` gets past option parsing to the terminal check")
    func globalOptionBeforeStart() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        for arguments in [["--no-color", "start", "five-minute"], ["start", "--no-color", "five-minute"],
                          ["--no-color", "five-minute"], ["--no-color"], []] {
            let result = try sandbox.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("limber start needs an interactive terminal"), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("no routine"), "\(arguments): \(result.stderr)")
        }
    }

    @Test("`--data-dir X` reads folder X, before or after the command name")
    func dataDirBeforeAndAfter() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        try ReviewCommandTests.seed(sandbox)
        // The environment points elsewhere, so only the option can find the seeded log.
        let elsewhere = ["LIMBER_DATA_DIR": sandbox.home.appendingPathComponent("elsewhere").path]
        let plain = try sandbox.run(["history"], extraEnvironment: elsewhere)
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("No sessions yet"), "\(plain.stdout)")
        for arguments in [["--data-dir", sandbox.dataDir.path, "history"], ["history", "--data-dir", sandbox.dataDir.path],
                          ["--data-dir=\(sandbox.dataDir.path)", "history", "--limit", "2"]] {
            let result = try sandbox.run(arguments, extraEnvironment: elsewhere)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains("Gentle relief") && result.stdout.contains("Core basics"), "\(arguments): \(result.stdout)")
        }
    }

    // MARK: Unknown commands and options

    @Test("a mistyped command suggests the nearest one, exit 64")
    func unknownCommandSuggests() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["histroy"])
        #expect(result.status == 64)
        #expect(result.stderr == "Error: unknown command or routine 'histroy' — did you mean 'limber history'? See 'limber --help'.\n")
        #expect(result.stdout.isEmpty)
        // After global options too, and a near routine id is suggested like a command.
        let routine = try sandbox.run(["--no-color", "five-minut"])
        #expect(routine.status == 64)
        #expect(routine.stderr.contains("did you mean 'limber five-minute'?"), "\(routine.stderr)")
        let nothingNear = try sandbox.run(["xyzzyq"])
        #expect(nothingNear.status == 64)
        #expect(nothingNear.stderr.contains("unknown command or routine 'xyzzyq'") && !nothingNear.stderr.contains("did you mean"))
    }

    @Test("a routine id as the first word still starts that routine")
    func routineAsFirstWord() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["five-minute"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("limber start needs an interactive terminal"), "\(result.stderr)")
    }

    @Test("an unknown option is reported for `limber`, not with start's usage, exit 64")
    func unknownRootOption() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["--foo"])
        #expect(result.status == 64)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "Error: Unknown option '--foo'", "\(result.stderr)")
        #expect(lines.contains { $0.hasPrefix("Usage: limber [") && $0.hasSuffix("<subcommand>") }, "\(result.stderr)")
        #expect(!result.stderr.contains("limber start"), "\(result.stderr)")
        #expect(lines.count <= 3, "short: \(result.stderr)")
    }

    // MARK: Typed values

    @Test("`export --format xml` names the allowed values, exit 64")
    func exportFormatValues() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["export", "--format", "xml"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("'xml'") && result.stderr.contains("'csv'") && result.stderr.contains("'json'"), "\(result.stderr)")
        let upper = try sandbox.run(["export", "--format", "CSV"])
        #expect(upper.status == 0, "\(upper.stderr)")
        #expect(upper.stdout.hasPrefix("session_id,"))
        let help = try sandbox.run(["export", "--help"])
        #expect(help.stdout.contains("(values: csv, json)"), "\(help.stdout)")
    }

    @Test("`history --limit` and `--since` are checked before anything is read, exit 64")
    func historyValues() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let zero = try sandbox.run(["history", "--limit", "0"])
        #expect(zero.status == 64)
        #expect(zero.stderr.contains("--limit must be a whole number of 1 or more"), "\(zero.stderr)")
        let word = try sandbox.run(["history", "--limit", "ten"])
        #expect(word.status == 64)
        #expect(word.stderr.contains("'ten'"), "\(word.stderr)")
        let since = try sandbox.run(["history", "--since", "2026-02-30"])
        #expect(since.status == 64)
        #expect(since.stderr.contains("--since '2026-02-30' is not a date; give it as YYYY-MM-DD"), "\(since.stderr)")
        let missing = try sandbox.run(["export"])
        #expect(missing.status == 64)
    }

    @Test("failures that are not about the command line keep exit 1")
    func otherFailuresExitOne() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let file = sandbox.home.appendingPathComponent("a-file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let notAFolder = try sandbox.run(["history", "--data-dir", file.path])
        #expect(notAFolder.status == 1, "\(notAFolder.stderr)")
        let unknownRoutine = try sandbox.run(["show", "no-such-thing"])
        #expect(unknownRoutine.status == 1)
    }

    // MARK: Help

    @Test("`limber --help` says bare limber starts a session and lists the exit codes")
    func rootHelp() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("`limber` on its own is `limber start`"), "\(result.stdout)")
        #expect(result.stdout.contains("start (default)"))
        #expect(result.stdout.contains("Exit status: 0") && result.stdout.contains("64 the"), "\(result.stdout)")
    }

    @Test("`--experimental-dump-help` (what the man page generator reads) still works")
    func dumpHelp() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["--experimental-dump-help"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let command = json?["command"] as? [String: Any]
        #expect(command?["commandName"] as? String == "limber")
        let names = (command?["subcommands"] as? [[String: Any]])?.compactMap { $0["commandName"] as? String } ?? []
        #expect(names.contains("start") && names.contains("history"), "\(names)")
    }

    // MARK: Completions

    @Test("the bash completion script calls back for routine and exercise ids and lists formats")
    func completionScript() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["--generate-completion-script", "bash"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("---completion start -- positional@0"))
        #expect(result.stdout.contains("---completion show -- positional@0"))
        #expect(result.stdout.contains(#"-W 'csv'$'\n''json'"#))
        #expect(result.stdout.contains("_add_completions -d"), "directories for --data-dir and --catalog")
    }

    @Test("custom completion prints the catalog's routine and exercise ids")
    func customCompletion() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        // <command> ---completion <subcommand> -- <argument> <word index> <cursor index> <words…>
        let routines = try sandbox.run(["---completion", "start", "--", "positional@0", "2", "0", "limber", "start", ""])
        #expect(routines.status == 0, "\(routines.stderr)")
        let routineIDs = routines.stdout.split(separator: "\n").map(String.init)
        #expect(routineIDs.contains("five-minute") && routineIDs.contains("gentle-relief"), "\(routines.stdout)")
        #expect(!routineIDs.contains("bridge-hold"))
        #expect(routines.stderr.isEmpty)

        let shown = try sandbox.run(["---completion", "show", "--", "positional@0", "2", "0", "limber", "show", ""])
        #expect(shown.status == 0)
        let showIDs = shown.stdout.split(separator: "\n").map(String.init)
        #expect(showIDs.contains("bridge-hold") && showIDs.contains("five-minute"), "\(shown.stdout)")

        // A `--catalog DIR` already typed adds that folder's routines.
        let own = sandbox.home.appendingPathComponent("own")
        try FileManager.default.createDirectory(at: own.appendingPathComponent("routines"), withIntermediateDirectories: true)
        try "id: my-routine\nname: My routine\nkind: relief\nsummary: Mine.\nitems: [pelvic-tilt]\n"
            .write(to: own.appendingPathComponent("routines/my-routine.yaml"), atomically: true, encoding: .utf8)
        let withCatalog = try sandbox.run(["---completion", "start", "--", "positional@0", "4", "0",
                                           "limber", "--catalog", own.path, "start", ""])
        #expect(withCatalog.stdout.split(separator: "\n").contains("my-routine"), "\(withCatalog.stdout) \(withCatalog.stderr)")
        // And that routine is a valid first word, through the option or the environment.
        for (arguments, environment) in [(["--catalog", own.path, "my-routine"], [:]), (["my-routine"], ["LIMBER_CATALOG": own.path])] {
            let start = try sandbox.run(arguments, extraEnvironment: environment)
            #expect(start.status == 1 && start.stderr.contains("needs an interactive terminal"), "\(arguments): \(start.stderr)")
        }
    }
}
