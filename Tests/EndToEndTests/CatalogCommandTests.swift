import Foundation
import Testing

/// The catalog commands as a person runs them: the real binary, its exit code and its words.
@Suite("catalog commands, end to end")
struct CatalogCommandTests {
    @Test("the shipped catalog passes `limber catalog check`")
    func shippedCatalogIsValid() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["catalog", "check"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("23 exercises") || result.stdout.contains("exercises"), "stdout: \(result.stdout)")
    }

    @Test("an unknown exercise id suggests the nearest one")
    func unknownIdSuggests() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["show", "brige-hold"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no exercise 'brige-hold'"))
        #expect(result.stderr.contains("did you mean 'bridge-hold'?"))
    }

    /// A catalog folder whose files carry escape sequences: in a key, in values quoted back in
    /// errors, in a name and a step (refused), and in a file name.
    func hostileCatalog(in sandbox: LimberSandbox) throws -> String {
        let dir = sandbox.home.appendingPathComponent("hostile").path
        try FileManager.default.createDirectory(atPath: dir + "/routines", withIntermediateDirectories: true)
        let files = [
            // Overrides the built-in bird-dog; broken, so the built-in one stays.
            "bird-dog.yaml": #"""
                id: bird-dog
                name: "Bird \e]0;pwned\a dog"
                kind: "strech\e[31m"
                area: [core]
                sides: each
                dose: { sets: "\e[2J2", reps: 10 }
                steps: ["Kneel.\e[1A\e[2K", Reach.]
                "colour\e[31m": red

                """#,
            "x\u{1B}[31m.yaml": "id: x\nname: X\n",
            "routines/daily.yaml": "id: daily\nname: \"Daily\\x9B2J\"\nkind: mobility\nsummary: Every day.\nitems: [bird-dog]\n",
        ]
        for (path, text) in files { try text.write(toFile: dir + "/" + path, atomically: true, encoding: .utf8) }
        // The shipped walking with only its name changed: an override that used to load and paint
        // `limber exercises` red.
        let walking = try String(contentsOf: LimberBinary.packageRoot.appendingPathComponent("Exercises/walking.yaml"), encoding: .utf8)
        let lines = walking.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix("name:") ? #"name: "\e[31mWalking\e[0m""# : String($0) }
        try lines.joined(separator: "\n").write(toFile: dir + "/walking.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    /// The control characters in `text` other than newline, as code points.
    func controlCharacters(_ text: String) -> [UInt32] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }.map(\.value)
    }

    @Test("catalog errors quote file content with escape sequences written out, never raw")
    func catalogErrorsAreEscaped() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let dir = try hostileCatalog(in: sandbox)
        let result = try sandbox.run(["catalog", "check", dir])
        #expect(result.status == 1)
        #expect(controlCharacters(result.stdout + result.stderr) == [], "stderr: \(result.stderr.debugDescription)")
        let lines = result.stderr.split(separator: "\n").map { $0.replacingOccurrences(of: dir + "/", with: "") }
        #expect(lines.contains(#"bird-dog.yaml:2: name: contains control character \u{1B}; use plain text (no escape codes)"#))
        #expect(lines.contains(#"bird-dog.yaml:6: dose.sets: must be a whole number 1-10, got '\u{1B}[2J2'"#))
        #expect(lines.contains(#"bird-dog.yaml:8: colour\u{1B}[31m: unknown key; allowed here: id, name, kind, area, sides, dose, tempo, max, steps, cues, stop_if, easier, harder, figure, position, progression"#))
        #expect(lines.contains(#"routines/daily.yaml:2: name: contains control character \u{9B}; use plain text (no escape codes)"#))
        #expect(lines.contains { $0.hasPrefix(#"x\u{1B}[31m.yaml:1: id: 'x' does not match the file name 'x\u{1B}[31m'"#) })
    }

    @Test("exercises, routines and show print no control character from a hostile catalog")
    func listingsStayClean() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let dir = try hostileCatalog(in: sandbox)
        for arguments in [["exercises"], ["routines"], ["show", "bird-dog"], ["exercises", "--json"], ["routines", "--json"]] {
            let result = try sandbox.run(arguments + ["--catalog", dir])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(controlCharacters(result.stdout + result.stderr) == [], "\(arguments): \(result.stdout.debugDescription) \(result.stderr.debugDescription)")
            // The broken override is reported, and the built-in bird-dog is what is shown.
            #expect(result.stderr.contains(#"warning: "#) && result.stderr.contains(#"\u{1B}"#), "\(arguments)")
        }
        let show = try sandbox.run(["show", "bird-dog", "--catalog", dir])
        #expect(show.stdout.hasPrefix("Bird dog (bird-dog)\n"))
        let exercises = try sandbox.run(["exercises", "--catalog", dir])
        let walkingRow = exercises.stdout.split(separator: "\n").first { $0.hasPrefix("walking ") }
        #expect(walkingRow?.contains(" Walking ") == true, "the built-in walking stays: \(exercises.stdout)")
        #expect(exercises.stderr.contains(#"walking.yaml:2: name: contains control character \u{1B}; use plain text (no escape codes)"#))
        // An id typed with an escape sequence is echoed written out.
        let typed = try sandbox.run(["show", "bird\u{1B}[31m"])
        #expect(typed.status == 1)
        #expect(controlCharacters(typed.stdout + typed.stderr) == [], "\(typed.stderr.debugDescription)")
        #expect(typed.stderr.contains(#"no exercise 'bird\u{1B}[31m'"#))
    }

    @Test("`limber --version` prints the version")
    func version() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }
}
