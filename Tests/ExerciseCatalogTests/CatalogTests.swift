import Foundation
import Testing
@testable import ExerciseCatalog

@Suite("Lookup chain and overrides")
struct LocationTests {
    /// The override fixture as a lookup chain: `bin/limber` finds `bin/Exercises` (built-in),
    /// `config` is `$XDG_CONFIG_HOME`, `extra` is `--catalog`.
    func locations(xdg: Bool = true, option: String? = nil, env: String? = nil) throws -> CatalogLocations {
        let root = try fixtures("override")
        var environment = ["HOME": "/nonexistent-home"]
        if xdg { environment["XDG_CONFIG_HOME"] = root + "/config" }
        if let env { environment["LIMBER_CATALOG"] = root + "/" + env }
        return CatalogLocations.resolve(
            environment: environment, executablePath: root + "/bin/limber", currentDirectory: "/nonexistent-cwd",
            catalogOption: option.map { root + "/" + $0 })
    }

    @Test("built-in < XDG < --catalog, same id")
    func overrideOrder() throws {
        let builtInOnly = CatalogLoader().load(try locations(xdg: false))
        #expect(builtInOnly.issues == [])
        #expect(builtInOnly.exercise("knee-to-chest")?.dose.sets == 1)

        let withUser = CatalogLoader().load(try locations())
        #expect(withUser.exercise("knee-to-chest")?.dose.sets == 2)
        #expect(withUser.exercise("knee-to-chest")?.name == "Knee to chest (config/limber/exercises)")

        let all = try locations(option: "extra")
        #expect(all.directories.map(\.origin) == [.builtIn, .user, .extra])
        let catalog = CatalogLoader().load(all)
        #expect(catalog.issues == [], "an override across directories is not a duplicate")
        #expect(catalog.exercise("knee-to-chest")?.dose.sets == 3)
        // Ids only the built-in directory has are still there.
        #expect(catalog.exercise("pelvic-tilt") != nil)
    }

    @Test("--catalog wins over LIMBER_CATALOG")
    func optionBeatsEnvironment() throws {
        let viaEnv = try locations(xdg: false, env: "extra")
        #expect(viaEnv.directories.last?.path.hasSuffix("/override/extra") == true)
        let both = try locations(xdg: false, option: "config/limber/exercises", env: "extra")
        #expect(both.directories.last?.path.hasSuffix("/override/config/limber/exercises") == true)
    }

    @Test("a broken override is reported and the earlier version stays")
    func brokenOverride() throws {
        let catalog = CatalogLoader().load(try locations(option: "broken-extra"))
        #expect(catalog.issues.count == 1)
        #expect(catalog.issues.first?.description.hasSuffix("broken-extra/knee-to-chest.yaml:6: dose.seconds: must be 5-600, got 900") == true)
        #expect(catalog.exercise("knee-to-chest")?.dose.sets == 2)
    }

    @Test("a --catalog that is not a directory is an issue")
    func missingExtra() throws {
        let locations = try locations(xdg: false, option: "no-such-dir")
        #expect(locations.directories.count == 1)
        #expect(locations.issues.map(\.message) == ["is not a directory; check --catalog / LIMBER_CATALOG"])
    }

    @Test("built-in catalog: next to the binary, package root, cwd, share paths")
    func builtInCandidates() throws {
        let tmp = try TempCatalog(["pkg/Package.swift": "// swift-tools-version: 6.1\n", "pkg/Exercises/.keep": ""])
        let exe = tmp.path + "/pkg/.build/x86_64-unknown-linux-gnu/debug/limber"
        let candidates = CatalogLocations.builtInCandidates(executablePath: exe, currentDirectory: "/home/me")
        #expect(candidates == [
            tmp.path + "/pkg/.build/x86_64-unknown-linux-gnu/debug/Exercises",
            tmp.path + "/pkg/Exercises",
            "/home/me/Exercises",
            tmp.path + "/pkg/.build/x86_64-unknown-linux-gnu/share/limber/Exercises",
            "/usr/local/share/limber/Exercises",
            "/usr/share/limber/Exercises",
        ])
        let resolved = CatalogLocations.resolve(environment: [:], executablePath: exe, currentDirectory: "/home/me")
        #expect(resolved.directories == [.init(path: tmp.path + "/pkg/Exercises", origin: .builtIn)])

        let installed = CatalogLocations.builtInCandidates(executablePath: "/opt/limber/bin/limber", currentDirectory: "/home/me")
        #expect(installed.contains("/opt/limber/share/limber/Exercises"))
        #expect(!installed.contains("/opt/Exercises"), "no package root: parents are not searched")
    }

    @Test("a symlinked catalog directory is read through the link")
    func symlinkedDirectory() throws {
        let tmp = try TempCatalog(["real/bird-dog.yaml": exerciseYAML()])
        try FileManager.default.createSymbolicLink(atPath: tmp.path + "/link", withDestinationPath: tmp.path + "/real")
        let catalog = CatalogLoader(displayBase: tmp.path).load(directory: tmp.path + "/link")
        #expect(catalog.issues == [])
        #expect(catalog.exercises.map(\.id) == ["bird-dog"])
        #expect(catalog.exercise("bird-dog")?.sourcePath == "link/bird-dog.yaml")
    }

    @Test("XDG config directory")
    func userDirectory() {
        #expect(CatalogLocations.userDirectory(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/limber/exercises")
        #expect(CatalogLocations.userDirectory(environment: ["HOME": "/h"]) == "/h/.config/limber/exercises")
        #expect(CatalogLocations.userDirectory(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/limber/exercises")
        #expect(CatalogLocations.userDirectory(environment: [:]) == nil)
    }
}

@Suite("Lookups, suggestions, estimates, JSON")
struct CatalogTests {
    static let ids = ["bird-dog", "bridge-hold", "glute-bridge", "single-leg-bridge", "knee-to-chest", "pelvic-tilt"]

    @Test("did you mean")
    func didYouMean() {
        #expect(Suggestions.closest(to: "brige", in: Self.ids) == "bridge-hold")
        #expect(Suggestions.closest(to: "bird-dgo", in: Self.ids) == "bird-dog")
        #expect(Suggestions.closest(to: "glute", in: Self.ids) == "glute-bridge")
        #expect(Suggestions.closest(to: "knee-to-chets", in: Self.ids) == "knee-to-chest")
        #expect(Suggestions.closest(to: "xyzzy", in: Self.ids) == nil)
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
        #expect(Suggestions.editDistance("", "abc") == 3 && Suggestions.editDistance("abc", "abc") == 0)
    }

    @Test("the bounded \"did you mean\" answers as the plain one: same id for typos, words, prefixes and misses")
    func suggestionsMatchTheUnboundedRule() {
        // The rule as first written (a full distance for every candidate and word).
        func distance(_ a: String, _ b: String) -> Int {
            let a = Array(a), b = Array(b)
            if a.isEmpty { return b.count }
            if b.isEmpty { return a.count }
            var previous = Array(0...b.count)
            var current = [Int](repeating: 0, count: b.count + 1)
            for i in 1...a.count {
                current[0] = i
                for j in 1...b.count {
                    current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                swap(&previous, &current)
            }
            return previous[b.count]
        }
        func reference(_ query: String, _ candidates: [String]) -> String? {
            let query = query.lowercased()
            guard !query.isEmpty else { return nil }
            let threshold = max(2, query.count / 3)
            var best: (Int, Int, String)?
            for candidate in candidates {
                let whole = distance(query, candidate.lowercased())
                var score = whole
                let words = candidate.lowercased().split(separator: "-").map(String.init)
                if words.count > 1 { for word in words { score = min(score, distance(query, word) + 1) } }
                if candidate.lowercased().hasPrefix(query) { score = min(score, 1) }
                guard score <= threshold else { continue }
                if best == nil || (score, whole, candidate) < best! { best = (score, whole, candidate) }
            }
            return best?.2
        }
        // A fixed pseudo-random walk over id-like words, so the check is the same on every run.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let words = ["knee", "to", "chest", "bridge", "hold", "glute", "bird", "dog", "side", "plank", "cat", "cow", "prone", "press", "up", "nerve", "glide", "dead", "bug"]
        func id() -> String { (0...next(3)).map { _ in words[next(words.count)] }.joined(separator: "-") }
        func typo(_ text: String) -> String {
            var characters = Array(text)
            for _ in 0...next(3) where !characters.isEmpty {
                let at = next(characters.count)
                switch next(3) {
                case 0: characters.remove(at: at)
                case 1: characters.insert(Character(UnicodeScalar(UInt8(97 + next(26)))), at: at)
                default: characters[at] = Character(UnicodeScalar(UInt8(97 + next(26))))
                }
            }
            return String(characters)
        }
        let candidates = (0..<60).map { _ in id() } + Self.ids
        let prepared = Suggestions.Candidates(candidates)
        for _ in 0..<400 {
            let source = candidates[next(candidates.count)]
            let query = [source, typo(source), words[next(words.count)], typo(words[next(words.count)]), String(source.prefix(next(8) + 1)), id()][next(6)]
            #expect(prepared.closest(to: query) == reference(query, candidates), "query \(query)")
        }
    }

    @Test("an unknown id throws a one-line error with a suggestion")
    func lookupError() throws {
        let catalog = CatalogLoader().load(directory: try fixtures("valid"))
        #expect(throws: CatalogLookupError(kind: .exercise, id: "brige", suggestion: "bridge-hold")) {
            try catalog.requireExercise("brige")
        }
        do {
            _ = try catalog.requireExercise("brige")
        } catch {
            #expect(error.description == "no exercise 'brige' — did you mean 'bridge-hold'?")
        }
        do {
            _ = try catalog.requireRoutine("zzz")
        } catch {
            #expect(error.description == "no routine 'zzz' (`limber routines` lists them)")
        }
        #expect(try catalog.requireExercise("glute-bridge").name == "Glute bridge")
    }

    @Test("duration estimate of a routine")
    func estimate() {
        let stretch = Exercise(
            id: "knee-to-chest", name: "Knee to chest", kind: .stretch, sides: .each,
            dose: Dose(sets: 3, work: .seconds(30), rest: 15), steps: ["Lie down."])
        let bridge = Exercise(
            id: "glute-bridge", name: "Glute bridge", kind: .strength, sides: .both,
            dose: Dose(sets: 2, work: .reps(10), rest: 45), tempo: Tempo(up: 2, hold: 3, down: 2), steps: ["Lift."])
        let routine = Routine(id: "r", name: "R", kind: .relief, summary: "s", items: [
            RoutineItem(exercise: "knee-to-chest"), RoutineItem(exercise: "glute-bridge"),
        ])
        let catalog = Catalog(exercises: [stretch, bridge], routines: [routine])
        // intro 15 + 3 sets x 2 sides x (5 get-ready + 30 work + 4 pain + 15 rest) = 339
        #expect(TimingEstimate.seconds(for: stretch, dose: stretch.dose) == 339)
        // intro 15 + 2 sets x (5 + 10 reps x 7 s + 4 + 45) = 263
        #expect(TimingEstimate.seconds(for: bridge, dose: bridge.dose) == 263)
        // no rest after the routine's last set
        #expect(catalog.estimatedSeconds(of: routine) == 339 + 263 - 45)
        #expect(TimingEstimate.roughMinutes(557) == "~9 min")
        #expect(TimingEstimate.roughMinutes(10) == "~1 min")
        // an override changes the estimate
        let shorter = Routine(id: "s", name: "S", kind: .minimum, summary: "s", items: [
            RoutineItem(exercise: "knee-to-chest", override: DoseOverride(sets: 1)),
        ])
        #expect(catalog.estimatedSeconds(of: shorter) == 15 + 2 * 54 - 15)
        #expect(stretch.doseText() == "3 x 30 s each")
        #expect(bridge.doseText() == "2 x 10 reps")
    }

    @Test("JSON: snake_case keys, always present, sorted")
    func json() throws {
        let catalog = CatalogLoader().load(directory: try fixtures("valid"))
        let text = try CatalogJSON.exercises(catalog)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.count == 3)
        let keys = ["area", "cues", "dose", "dose_text", "easier", "figure", "harder", "id", "kind", "max", "name", "position", "sides", "source", "steps", "stop_if", "tempo"]
        for object in array { #expect(object.keys.sorted() == keys) }
        #expect(text.contains("\"easier\" : null"))
        let routines = try CatalogJSON.routines(catalog)
        #expect(routines.contains("\"estimated_seconds\""))
        #expect(routines.contains("\"dose_text\" : \"1 x 30 s\""))
    }
}

@Suite("progression: an exercise's own step up")
struct ProgressionKeyTests {
    @Test("progression: is read; an empty or out-of-range one names the field")
    func parsed() throws {
        let good = try TempCatalog(["bird-dog.yaml": exerciseYAML(extra: ["progression: { reps: 1, sets: 1 }"])]).load()
        #expect(good.issues == [])
        #expect(good.exercise("bird-dog")?.progression == ProgressionStep(sets: 1, reps: 1))
        let none = try TempCatalog(["bird-dog.yaml": exerciseYAML()]).load()
        #expect(none.exercise("bird-dog")?.progression == nil)
        let empty = try TempCatalog(["bird-dog.yaml": exerciseYAML(extra: ["progression: {}"])]).load()
        #expect(empty.issues.map(\.description) == ["bird-dog.yaml:10: progression: is empty; give sets, reps or seconds, or remove progression"])
        let big = try TempCatalog(["bird-dog.yaml": exerciseYAML(extra: ["progression: { reps: 50 }"])]).load()
        #expect(big.issues.first?.description.hasPrefix("bird-dog.yaml:10: progression.reps:") == true)
    }
}
