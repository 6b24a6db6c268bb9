import ArgumentParser
import CoachApp
import Testing
@testable import limber

/// The command lines run without swift-argument-parser must mean exactly what the parser makes
/// of them, and every other line must be left to the parser (its help, checks and errors).
@Suite("command lines run without the full parser")
struct DirectCommandTests {
    /// What a command line asks for, as both paths can say it.
    struct Meaning: Equatable, CustomStringConvertible {
        var command: String
        var routine: String?
        var quiet = false
        var voice: Bool?
        var skipScreen = false
        var dataDir: String?
        var catalog: String?
        var noColor = false

        var description: String {
            "\(command) routine=\(routine ?? "-") quiet=\(quiet) voice=\(voice.map(String.init) ?? "-") skip=\(skipScreen) "
                + "data=\(dataDir ?? "-") catalog=\(catalog ?? "-") noColor=\(noColor)"
        }
    }

    static func direct(_ arguments: [String]) -> Meaning? {
        switch DirectCommand(arguments) {
        case .start(let flow)?:
            Meaning(command: "start", routine: flow.routine, quiet: flow.quiet, voice: flow.voice, skipScreen: flow.skipScreen,
                    dataDir: flow.dataDir, catalog: flow.catalogOption, noColor: flow.noColor)
        case .status(let dataDir)?:
            Meaning(command: "status", dataDir: dataDir)
        case .review(let dataDir, let noColor)?:
            Meaning(command: "review", dataDir: dataDir, noColor: noColor)
        case nil:
            nil
        }
    }

    static func parsed(_ arguments: [String]) throws -> Meaning {
        switch try Limber.parseAsRoot(arguments) {
        case let start as StartCommand:
            Meaning(command: "start", routine: start.routine, quiet: start.quiet, voice: start.voice, skipScreen: start.skipScreen,
                    dataDir: start.global.dataDir, catalog: start.global.catalog, noColor: start.global.noColor)
        case let status as StatusCommand:
            // Its one line has no colour: --no-color changes nothing.
            Meaning(command: "status", dataDir: status.global.dataDir, catalog: status.global.catalog)
        case let review as ReviewCommand:
            Meaning(command: "review", dataDir: review.global.dataDir, catalog: review.global.catalog, noColor: review.global.noColor)
        case let other:
            Meaning(command: "\(type(of: other))")
        }
    }

    @Test("each line run directly means what the parser makes of it", arguments: [
        "", "start", "start five-minute", "start five-minute --quiet", "--quiet", "--no-color start five-minute",
        "start --voice core-foundations", "start --no-voice", "start --skip-screen five-minute --data-dir /tmp/x",
        "--data-dir=/tmp/x start", "--catalog /tmp/c start five-minute", "start five-minute --catalog=/tmp/c --no-color",
        "status", "status --data-dir /tmp/x", "--data-dir /tmp/x status", "status --no-color", "review", "review --no-color",
        "--no-color review --data-dir=/tmp/y",
    ])
    func sameMeaning(line: String) throws {
        let arguments = line.split(separator: " ").map(String.init)
        let direct = try #require(Self.direct(arguments), "run directly")
        #expect(direct == (try Self.parsed(arguments)))
    }

    @Test("help, unknown or repeated options, missing or empty values, extra words and routine ids go to the parser", arguments: [
        "--help", "start --help", "-h", "--version", "start five-minute extra", "five-minute", "history", "status extra",
        "start --quiet --quiet", "start --voice --no-voice", "--data-dir", "--data-dir=", "--data-dir --quiet start",
        "start --catalog", "status --catalog /tmp/c", "status --quiet", "review --skip-screen", "start --loud",
        "start -- five-minute", "---completion start -- x", "--data-dir a --data-dir b start", "--quiet=yes",
    ])
    func leftToTheParser(line: String) {
        #expect(Self.direct(line.split(separator: " ").map(String.init)) == nil)
    }
}
