import CoachApp

/// `limber status` and `limber review` with only the global options, run without
/// swift-argument-parser: its parse (twice: ``FirstWord`` and `parseAsRoot`) builds every
/// command's argument set through reflection and type lookups, about a third of `limber status`'s
/// time, and status runs in a shell prompt. Anything else on the line (`--help`, an unknown
/// option, an empty value, a second word) goes to the full parser, which gives the usual help and
/// errors; the commands do the same as their ParsableCommand (StatusCommand, ReviewCommand).
enum DirectCommand {
    case status(dataDir: String?)
    case review(dataDir: String?, noColor: Bool)

    init?(_ arguments: [String]) {
        var word: String?
        var dataDir: String?
        var noColor = false
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--no-color" {
                noColor = true
            } else if argument == "--data-dir", i + 1 < arguments.count, !arguments[i + 1].isEmpty, !arguments[i + 1].hasPrefix("-") {
                dataDir = arguments[i + 1]
                i += 1
            } else if argument.hasPrefix("--data-dir="), argument.count > "--data-dir=".count {
                dataDir = String(argument.dropFirst("--data-dir=".count))
            } else if word == nil, argument == "status" || argument == "review" {
                word = argument
            } else {
                return nil
            }
            i += 1
        }
        switch word {
        case "status"?: self = .status(dataDir: dataDir)
        case "review"?: self = .review(dataDir: dataDir, noColor: noColor)
        default: return nil
        }
    }

    func run() {
        switch self {
        case .status(let dataDir):
            print(StatusFlow.line(dataDir: dataDir))
        case .review(let dataDir, let noColor):
            do {
                try ReviewFlow(dataDir: dataDir, noColor: noColor).run()
            } catch {
                Limber.exit(withError: error)
            }
        }
    }
}
