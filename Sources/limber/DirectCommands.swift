import CoachApp

/// `limber`, `limber start [ROUTINE]`, `limber status` and `limber review`, with only their own
/// options and the global ones, run without swift-argument-parser: its parse (twice: ``FirstWord``
/// and `parseAsRoot`) builds every command's argument set through reflection and type lookups.
/// That was about a third of `limber status`'s time (status runs in a shell prompt) and 85% of
/// the CPU `limber start` spent before its first screen. Anything else on the line (`--help`, an
/// unknown option, an empty or missing value, an option given twice, a second word, a routine id
/// as the first word) goes to the full parser, which gives the usual help, checks and errors; the
/// commands do the same as their ParsableCommand (StartCommand, StatusCommand, ReviewCommand).
enum DirectCommand {
    case start(StartFlow)
    case status(dataDir: String?)
    case review(dataDir: String?, noColor: Bool)

    init?(_ arguments: [String]) {
        var words: [String] = []
        var values: [String: String] = [:]
        var flags: Set<String> = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument.hasPrefix("-") {
                var name = argument
                var value: String?
                if let equals = argument.firstIndex(of: "=") {
                    name = String(argument[..<equals])
                    value = String(argument[argument.index(after: equals)...])
                }
                if Self.valueOptions.contains(name) {
                    if value == nil, i + 1 < arguments.count, !arguments[i + 1].hasPrefix("-") {
                        value = arguments[i + 1]
                        i += 1
                    }
                    guard let value, !value.isEmpty, values.updateValue(value, forKey: name) == nil else { return nil }
                } else {
                    guard value == nil, Self.flags.contains(name), flags.insert(name).inserted else { return nil }
                }
            } else {
                words.append(argument)
            }
            i += 1
        }
        let dataDir = values["--data-dir"]
        let noColor = flags.contains("--no-color")
        let startFlags: Set = ["--quiet", "--voice", "--no-voice", "--skip-screen"]
        switch words.first {
        case nil, "start"?:
            // `limber` alone is `limber start`; a routine only after the word `start` (a routine id
            // as the first word is checked against the catalog and the commands by the full parse).
            guard words.count <= 2, !(flags.contains("--voice") && flags.contains("--no-voice")) else { return nil }
            let voice: Bool? = flags.contains("--voice") ? true : flags.contains("--no-voice") ? false : nil
            self = .start(StartFlow(routine: words.dropFirst().first, quiet: flags.contains("--quiet"), voice: voice,
                                    skipScreen: flags.contains("--skip-screen"), dataDir: dataDir,
                                    catalogOption: values["--catalog"], noColor: noColor))
        case "status"?, "review"?:
            guard words.count == 1, values["--catalog"] == nil, flags.isDisjoint(with: startFlags) else { return nil }
            self = words[0] == "status" ? .status(dataDir: dataDir) : .review(dataDir: dataDir, noColor: noColor)
        default:
            return nil
        }
    }

    /// The global options that take a value (GlobalOptions).
    private static let valueOptions: Set = ["--data-dir", "--catalog"]
    /// The flags of GlobalOptions and StartCommand.
    private static let flags: Set = ["--no-color", "--quiet", "--voice", "--no-voice", "--skip-screen"]

    func run() {
        do {
            switch self {
            case .start(let flow):
                try flow.run()
            case .status(let dataDir):
                print(StatusFlow.line(dataDir: dataDir))
            case .review(let dataDir, let noColor):
                try ReviewFlow(dataDir: dataDir, noColor: noColor).run()
            }
        } catch {
            Limber.exit(withError: error)
        }
    }
}
